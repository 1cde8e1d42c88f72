// The bytes of small held copies a peer served lately, kept in memory: a get of a 1 KiB copy read from disk cost four
// system calls (open, two reads, close; ~25-40 µs of CPU on this VM, 5 % of a get's) to read bytes the peer had read a
// moment before. An entry is the bytes of one sha256: it serves a name only while the name's held copy is recorded at
// that sha256 (the bytes the record names, whatever its version), so a copy replaced, removed or found damaged is never
// served from here, without this cache being told. The bytes were checked against the digest when they were read,
// and the sender checks them again before each send, as it checks bytes read from disk.
// What the cache does not see: a copy spoiled on disk after it was read (deleted, rewritten, bit rot) is still served
// whole from here until the scrub, which reads the disk, finds it and the copy is dropped.

/** An entry at most this large (a copy that travels inline). */
export const HELD_BYTES_ENTRY_MAX = 64 * 1024;
/** At most this many bytes in all, per store: the least recently served go first. */
export const HELD_BYTES_MAX = 256 * 1024;

export class HeldBytes {
  /** name -> its bytes and their sha256 (hex); in the order last served (a Map keeps insertion order). */
  private readonly entries = new Map<string, { sha256: string; data: Buffer }>();
  private bytes = 0;

  constructor(private readonly maxBytes = HELD_BYTES_MAX) {}

  /** A copy of the bytes of `name` if they are the ones recorded at `sha256` (the held record's now). */
  get(name: string, sha256: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    this.entries.delete(name);
    if (entry.sha256 !== sha256) {
      this.bytes -= entry.data.length;
      return undefined;
    }
    this.entries.set(name, entry);
    // A copy of its own for the caller: what it does with it (keeps it, sends it) never reaches the cache's.
    const copy = Buffer.allocUnsafeSlow(entry.data.length);
    copy.set(entry.data);
    return copy;
  }

  /** `data`, read from disk and found to be the bytes recorded at `sha256`, are kept (a copy) for `name`. */
  keep(name: string, sha256: string, data: Uint8Array): void {
    this.forget(name);
    if (data.length > HELD_BYTES_ENTRY_MAX || data.length > this.maxBytes) return;
    const kept = Buffer.allocUnsafeSlow(data.length);
    kept.set(data);
    this.entries.set(name, { sha256, data: kept });
    this.bytes += kept.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.data.length;
    }
  }

  /** The name's copy changed or went: its bytes are dropped now rather than when next asked for. */
  forget(name: string): void {
    const entry = this.entries.get(name);
    if (entry === undefined) return;
    this.entries.delete(name);
    this.bytes -= entry.data.length;
  }

  /** Bytes held now (for tests). */
  get size(): number {
    return this.bytes;
  }
}
