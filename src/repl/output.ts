// Turns ring events and command results into what the user sees: the original's lines, or JSON lines (SPEC.md section 5).
import type { ActorStatus } from '../actor/actor.ts';
import type { CommandResult, RingEvent } from '../host/ring.ts';

export interface PrinterOptions {
  json: boolean;
  /** A ring process prefixes each line with the peer that printed it. */
  prefix: boolean;
  /** Wall-clock ms that `t` counts from. */
  startedAt: number;
  out: (text: string) => void;
  err: (text: string) => void;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export class Printer {
  constructor(private readonly options: PrinterOptions) {}

  private tag(peer: number): string {
    return this.options.prefix ? `[peer ${peer}] ` : '';
  }

  private json(object: Record<string, unknown>): void {
    this.options.out(JSON.stringify(object));
  }

  event(event: RingEvent): void {
    const t = round(event.t - this.options.startedAt);
    if (event.kind === 'line') {
      if (this.options.json) {
        // `peer` is always the peer that printed the line: a line's own field of that name could not overwrite it.
        const { peer: _own, ...fields } = event.line;
        this.json({ t, peer: event.peer, ...fields });
      } else this.options.out(`${this.tag(event.peer)}${event.line.text}`);
    } else if (event.kind === 'crashed') {
      if (this.options.json) this.json({ t, peer: event.peer, event: 'peer.crashed', error: event.error });
      else this.options.err(`Peer ${event.peer} stopped unexpectedly: ${event.error}`);
    }
  }

  /** A command ended: JSON mode prints command.done; text mode says only what went wrong (the lines said the rest). */
  done(result: CommandResult): void {
    if (this.options.json) {
      const { peer, command, op: _op, ...rest } = result;
      this.json({ event: 'command.done', peer, command, ...rest, ms: round(result.ms) });
    } else if (!result.ok) {
      this.options.err(`${this.tag(result.peer)}${result.command} failed: ${result.error}`);
    }
  }

  /** A command that never reached a peer (not understood, or not possible here). */
  refused(command: string, error: string, peer?: number): void {
    if (this.options.json)
      this.json({ event: 'command.done', ...(peer === undefined ? {} : { peer }), command, ok: false, error });
    else this.options.err(error);
  }

  status(status: ActorStatus): void {
    if (this.options.json) {
      this.json({ event: 'status', peer: status.id, ...status });
      return;
    }
    const ids = (list: readonly (number | null)[]) => list.map((p) => (p === null ? '?' : String(p))).join(', ');
    const files = status.files.map((f) => `${f.name} (${f.sizeBytes} B)`).join(', ') || 'none';
    const dropped = Object.entries(status.dropped)
      .filter(([, n]) => n > 0)
      .map(([why, n]) => `${why} ${n}`)
      .join(', ');
    this.options.out(
      `Peer ${status.id}: successors ${ids(status.successors)}; predecessors ${ids(status.predecessors)}; files ${files}` +
        `; ${where(status)}` +
        (dropped ? `; dropped ${dropped}` : '') +
        secretMismatch(status),
    );
  }

  /** The counters of `stats`: one line per peer, every counter named, zeros included (a script can grep for them). */
  stats(status: ActorStatus): void {
    const { id, received, dropped, connections, inFlight, refusedBusy, sealed, nonces, sendFailures } = status;
    if (this.options.json) {
      this.json({
        event: 'stats',
        peer: id,
        received,
        dropped,
        connections,
        inFlight,
        refusedBusy,
        sealed,
        nonces,
        sendFailures,
      });
      return;
    }
    const list = (counts: object) =>
      Object.entries(counts)
        .map(([what, n]) => `${what} ${n as number}`)
        .join(', ');
    this.options.out(
      `Peer ${id}: received datagrams ${received.datagrams}, frames ${received.frames}; dropped ${list(dropped)}; ` +
        `connections ${list(connections)}; in flight ${list(inFlight)}; refused busy ${list(refusedBusy)}; ` +
        `send failures ${sendFailures}; secret ${sealed ? `on (${nonces} nonces remembered)` : 'off'}` +
        secretMismatch(status),
    );
  }

  info(text: string): void {
    if (!this.options.json) this.options.out(text);
  }
}

/** What the peer tells others it is at, what it binds when that differs, and its zone. */
function where(status: ActorStatus): string {
  const at = (a: { host: string; port: number }) =>
    a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
  const bound = at(status.address);
  const advertised = at(status.advertised);
  return `at ${advertised}${bound === advertised ? '' : ` (bound ${bound})`}; zone ${status.zone}`;
}

/** A wrong secret reads like a dead peer at the sender (nothing answers): the peer that drops the traffic says why. */
function secretMismatch(status: ActorStatus): string {
  const failed = status.dropped.unauthenticated;
  return failed === 0
    ? ''
    : ` (${failed} messages failed authentication: a peer with another ring secret, or none, is sending here; check --secret-file)`;
}
