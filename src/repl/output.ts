// Turns ring events and command results into what the user sees: the original's lines, or JSON lines (SPEC.md section 5).
import type { ActorStatus } from '../actor/actor.ts';
import type { CommandResult, RingEvent } from '../host/ring.ts';
import { table, type Column } from './table.ts';

/** What `--pings` and the REPL's `pings` show of the ping lines: all, only misses and recoveries, or none. */
export type PingsMode = 'on' | 'changes' | 'off';
export const PINGS_MODES: readonly PingsMode[] = ['on', 'changes', 'off'];
/** A ping round's own lines, every interval at every peer. */
const PING_TRAFFIC = new Set(['ping.sent', 'ping.received', 'ping.response']);
/** Ping lines that say something changed ('peer.dead' and 'peer.alive' are membership lines, always shown). */
const PING_CHANGES = new Set(['ping.missed', 'ping.recovered']);

export interface PrinterOptions {
  json: boolean;
  /** A ring process prefixes each line with the peer that printed it. */
  prefix: boolean;
  /** Wall-clock ms that `t` counts from. */
  startedAt: number;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Ping lines shown (default on, as the original). */
  pings?: PingsMode;
  /** The terminal's width in characters, read at each table (default DEFAULT_WIDTH). */
  width?: () => number | undefined;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export class Printer {
  /** Which ping lines are printed; the REPL's `pings` command changes it. */
  pings: PingsMode;

  constructor(private readonly options: PrinterOptions) {
    this.pings = options.pings ?? 'on';
  }

  /** Whether a line is printed under the pings mode. */
  private shown(event: string): boolean {
    if (this.pings === 'on') return true;
    if (PING_TRAFFIC.has(event)) return false;
    return this.pings === 'changes' || !PING_CHANGES.has(event);
  }

  private tag(peer: number): string {
    return this.options.prefix ? `[peer ${peer}] ` : '';
  }

  private json(object: Record<string, unknown>): void {
    this.options.out(JSON.stringify(object));
  }

  event(event: RingEvent): void {
    // Both in whole microseconds, so lines a microsecond apart never print the same t.
    const t = round(event.t - round(this.options.startedAt));
    if (event.kind === 'line') {
      if (!this.shown(event.line.event)) return;
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

  /** `status`: a row per peer (JSON: an object per peer). */
  status(statuses: readonly ActorStatus[]): void {
    if (this.options.json) {
      for (const status of statuses) this.json({ event: 'status', peer: status.id, ...status });
      return;
    }
    const columns = STATUS_COLUMNS.filter((column) => column.when?.(statuses) ?? true);
    this.lines(table(columns, statuses, this.width()));
    this.secretNotes(statuses);
  }

  /** `stats`: a row per peer, a column per counter that is not zero at some peer (`all`: every counter). */
  stats(statuses: readonly ActorStatus[], all = false): void {
    if (this.options.json) {
      for (const status of statuses) {
        const { id, received, dropped, connections, inFlight, refusedBusy, sealed, nonces, sendFailures } = status;
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
      }
      return;
    }
    const counters = statsCounters(statuses).filter((c) => all || statuses.some((s) => c.count(s) !== 0));
    if (counters.length === 0) {
      this.options.out(
        `Every counter is zero at ${statuses.length === 1 ? 'this peer' : 'every peer'} (stats all shows them)`,
      );
      return;
    }
    const columns: Column<ActorStatus>[] = [
      { header: 'peer', value: (s) => String(s.id), align: 'right' },
      ...counters.map((c) => ({
        header: c.header,
        value: (s: ActorStatus) => String(c.count(s)),
        align: 'right' as const,
      })),
    ];
    this.lines(table(columns, statuses, this.width()));
    this.secretNotes(statuses);
  }

  private width(): number {
    return Math.max(MIN_WIDTH, this.options.width?.() ?? DEFAULT_WIDTH);
  }

  private lines(lines: readonly string[]): void {
    for (const line of lines) this.options.out(line);
  }

  private secretNotes(statuses: readonly ActorStatus[]): void {
    for (const status of statuses) {
      const note = secretMismatch(status);
      if (note !== '') this.options.out(`Peer ${status.id}: ${note}`);
    }
  }

  info(text: string): void {
    if (!this.options.json) this.options.out(text);
  }
}

/** Where the terminal's width is not known (output to a file or a pipe), unless COLUMNS says. */
export const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;

/** A `status` column, shown when `when` (if any) holds for the rows; issue 17's address and zone columns slot in here. */
export type StatusColumn = Column<ActorStatus> & { when?: (rows: readonly ActorStatus[]) => boolean };

const idList = (list: readonly (number | null)[]) => list.map((p) => (p === null ? '?' : String(p))).join(', ') || '-';

export const STATUS_COLUMNS: StatusColumn[] = [
  { header: 'peer', value: (s) => String(s.id), align: 'right' },
  { header: 'address', value: (s) => where(s) },
  // A zone is the advertised host unless --zone says otherwise: the column shows when one does.
  { header: 'zone', value: (s) => s.zone, when: (rows) => rows.some((s) => s.zone !== s.advertised.host) },
  { header: 'successors', value: (s) => idList(s.successors) },
  { header: 'predecessors', value: (s) => idList(s.predecessors) },
  {
    header: 'files',
    value: (s) => (s.files.length === 0 ? '-' : s.files.map((f) => `${f.name} (${size(f.sizeBytes)})`).join(', ')),
  },
  {
    header: 'dropped',
    value: (s) =>
      Object.entries(s.dropped)
        .filter(([, n]) => n > 0)
        .map(([why, n]) => `${why} ${n}`)
        .join(', ') || '-',
    when: (rows) => rows.some((s) => Object.values(s.dropped).some((n) => n > 0)),
  },
];

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

interface Counter {
  header: string;
  count: (status: ActorStatus) => number;
}

/** Every counter of `stats`, in a fixed order, named by group then by what it counts (the header wraps there). */
function statsCounters(statuses: readonly ActorStatus[]): Counter[] {
  const first = statuses[0];
  if (first === undefined) return [];
  const group = <K extends string>(name: string, pick: (s: ActorStatus) => Record<K, number>): Counter[] =>
    (Object.keys(pick(first)) as K[]).map((key) => ({ header: `${name} ${key}`, count: (s) => pick(s)[key] ?? 0 }));
  return [
    { header: 'received datagrams', count: (s) => s.received.datagrams },
    { header: 'received frames', count: (s) => s.received.frames },
    { header: 'received in-process', count: (s) => s.received.local },
    ...group('dropped', (s) => s.dropped),
    ...group('connections', (s) => s.connections as unknown as Record<string, number>),
    ...group('in flight', (s) => s.inFlight as unknown as Record<string, number>),
    ...group('refused busy', (s) => s.refusedBusy as unknown as Record<string, number>),
    { header: 'send failures', count: (s) => s.sendFailures },
    { header: 'nonces remembered', count: (s) => s.nonces },
  ];
}

/** What the peer tells others it is at, and what it binds when that differs. */
function where(status: ActorStatus): string {
  const at = (a: { host: string; port: number }) =>
    a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
  const bound = at(status.address);
  const advertised = at(status.advertised);
  return bound === advertised ? advertised : `${advertised} (bound ${bound})`;
}

/** A wrong secret reads like a dead peer at the sender (nothing answers): the peer that drops the traffic says why. */
function secretMismatch(status: ActorStatus): string {
  const failed = status.dropped.unauthenticated;
  return failed === 0
    ? ''
    : `${failed} messages failed authentication: a peer with another ring secret, or none, is sending here; check --secret-file`;
}
