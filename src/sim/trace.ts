// The run's trace: a window of recent events for violation reports, and a hash of every event for determinism checks.

export class Trace {
  private readonly window: string[] = [];
  private next = 0;
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  count = 0;

  constructor(private readonly size = 30) {}

  add(line: string): void {
    this.count++;
    // Two FNV-1a lanes with different primes give a 64-bit fingerprint without BigInt.
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    this.h1 = Math.imul(h1 ^ 10, 0x01000193);
    this.h2 = Math.imul(h2 ^ 10, 0x5bd1e995);
    if (this.size === 0) return;
    if (this.window.length < this.size) this.window.push(line);
    else this.window[this.next] = line;
    this.next = (this.next + 1) % this.size;
  }

  /** The last events, oldest first. */
  recent(): string[] {
    if (this.window.length < this.size) return [...this.window];
    return [...this.window.slice(this.next), ...this.window.slice(0, this.next)];
  }

  hash(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }
}
