// What goes into the pure PeerMachine (inputs) and what comes out (effects).
import type { PeerLine } from './lines.ts';
import type { LookupKind, Message, TransferFor, TransferHeader } from './messages.ts';
import type { PeerId } from './ring.ts';
import type { Version } from './version.ts';

/** A timer the machine schedules, by kind; scheduling one with the same key (timerKey) again replaces the earlier one. */
export type TimerName =
  /** A command's deadline. */
  | { kind: 'op'; op: number }
  /** A command's lookup had no answer by the time its route should have given one: it is sent again another way. */
  | { kind: 'lost'; op: number }
  /** The responsible peer stops waiting for the file of a store it accepted from `origin`. */
  | { kind: 'expect'; origin: PeerId; op: number }
  /** The responsible peer stops waiting for a store's copies: those not acknowledged by then count as failed. */
  | { kind: 'copies'; origin: PeerId; op: number }
  /** Membership: the next ping round; the round's answers are due; a departure stops waiting for its predecessors. */
  | { kind: 'ping' }
  | { kind: 'pingTimeout' }
  | { kind: 'quit' }
  /** Membership: the peers probed before one that looked behind had their ping timeout (Membership.behindDue). */
  | { kind: 'behind' }
  /** Routing: the next fix-fingers step; a hop sent to a finger was not acknowledged in time. */
  | { kind: 'fingers' }
  | { kind: 'hop'; ack: number }
  /** Replication: the next anti-entropy round; a hand-off's successor has been silent too long. */
  | { kind: 'sync' }
  | { kind: 'handoff' }
  /** The scrub: the next held copies are checked against their recorded sha256 (src/core/scrub.ts). */
  | { kind: 'scrub' };

export type TimerKind = TimerName['kind'];

/**
 * The key a driver files a scheduled timer under: scheduling the same key again replaces the earlier timer.
 * Stable and readable (traces print it): the kind, then the fields that tell two timers of one kind apart.
 */
export function timerKey(timer: TimerName): string {
  switch (timer.kind) {
    case 'op':
      return `op:${timer.op}`;
    case 'lost':
      return `lost:${timer.op}`;
    case 'expect':
      return `expect:${timer.origin}:${timer.op}`;
    case 'copies':
      return `copies:${timer.origin}:${timer.op}`;
    case 'hop':
      return `hop:${timer.ack}`;
    case 'ping':
    case 'pingTimeout':
    case 'quit':
    case 'behind':
    case 'fingers':
    case 'sync':
    case 'handoff':
    case 'scrub':
      return timer.kind;
  }
}

/** A file transfer as the machine names it: what it is for (TransferFor: its purpose, and its op unless it is a copy), and with whom. */
export type TransferRef = TransferFor & {
  /** The other end of the transfer. */
  peer: PeerId;
  origin: PeerId;
  name: string;
  hops: number;
  /** The version sent (a held copy's, or a store's pending copy's); the receiver learns it from the header. */
  version?: Version;
  /** A store's copy, pending until the store is settled: the sender sends its pending copy of `version`. */
  pending?: boolean;
  /** A delivery: the lookup's attempt (which of the key's holders serves it), so a copy found lost goes on to the next one. */
  attempt?: number;
  /** A delivery by a holder across zones: the key's holders its request walks (Lookup.holders). */
  holders?: PeerId[];
};

/** Version and pending, when present, as optional fields. */
function versionFields(from: { version?: Version; pending?: boolean }): { version?: Version; pending?: boolean } {
  // Set one by one: two spreads that both add a key made a hidden class per call (see transferHeaderOf).
  const fields: { version?: Version; pending?: boolean } = {};
  if (from.version !== undefined) fields.version = from.version;
  if (from.pending === true) fields.pending = true;
  return fields;
}

/** The ref of a transfer whose header arrived from `peer`. */
export function transferRefOf(peer: PeerId, header: TransferHeader): TransferRef {
  const { origin, name, hops } = header;
  if (header.purpose === 'replica')
    return {
      purpose: 'replica',
      ...(header.op === undefined ? {} : { op: header.op }),
      peer,
      origin,
      name,
      hops,
      ...versionFields(header),
    };
  return { purpose: header.purpose, op: header.op, peer, origin, name, hops, ...versionFields(header) };
}

/** The header that opens the transfer of `ref`, a file of `sizeBytes` (at `version`: the copy opened). */
export function transferHeaderOf(ref: TransferRef, sizeBytes: number, version?: Version): TransferHeader {
  const { origin, name, hops } = ref;
  // Not `{ ...ref, version }`: a spread adding a key costs V8 (Node 20) 2-3 µs and a hidden class per header (Router.forward).
  const fields = versionFields(version === undefined ? ref : Object.assign({}, ref, { version }));
  if (ref.purpose === 'replica')
    return {
      purpose: 'replica',
      ...(ref.op === undefined ? {} : { op: ref.op }),
      origin,
      name,
      sizeBytes,
      hops,
      ...fields,
    };
  return { purpose: ref.purpose, op: ref.op, origin, name, sizeBytes, hops, ...fields };
}

export type Input =
  | { type: 'start' }
  | { type: 'message'; from: PeerId; message: Message }
  | { type: 'timer'; timer: TimerName }
  /** `sizeBytes`: a store's file, whose transfer and copies are bounded by the time its bytes may take. */
  | { type: 'command'; kind: LookupKind; op: number; name: string; sizeBytes?: number }
  /** This (new) peer joins the ring through `via`. */
  | { type: 'join'; op: number; via: PeerId }
  /**
   * Graceful departure: hand the files to the first successor not `departing` too (peers leaving at the same time),
   * tell the predecessors, leave.
   */
  | { type: 'quit'; op: number; departing?: readonly PeerId[] }
  /** Receiver side: a transfer's header arrived from `peer`. */
  | { type: 'transferStarted'; transfer: number; ref: TransferRef; sizeBytes?: number }
  /** Receiver side: the transfer ended; on success its bytes are durable where they belong, with this sha256 (hex). */
  | { type: 'transferReceived'; ref: TransferRef; error?: string; sha256?: string }
  /** A TCP message could not be delivered: the connection to `to` was refused (its process is down). */
  | { type: 'undeliverable'; to: PeerId; message: Message }
  /** A held file was found damaged or missing on disk (and is gone from it now). */
  | { type: 'fileLost'; name: string }
  /**
   * A `verify` effect was carried out: the held copy of `name` recorded at `sha256` was read. `lost`: it was missing, or
   * damaged (and is gone from disk now); else it was whole, replaced meanwhile, or could not be read (kept).
   * `sizeBytes`: the copy's size as recorded; `skipped`: it was larger than the check's `maxBytes`, and not read.
   */
  | { type: 'verified'; name: string; sha256: string; lost?: boolean; sizeBytes?: number; skipped?: boolean }
  /**
   * A `drop` effect was carried out: the copy of `name` at `sha256` was `removed`, or was not there (gone, or replaced
   * by other bytes), or the disk could not delete it (`error`: read-only, an I/O error).
   */
  | { type: 'dropped'; name: string; sha256: string; removed: boolean; error?: string }
  /**
   * Sender side: the receiver acknowledged (or the transfer failed). `lost`: the held copy could not be read (missing
   * or damaged; the machine heard `fileLost` first), so the file is not here any more. `unsent`: no connection to the
   * receiver was made (refused, unreachable), so none of the file's bytes can have landed there.
   */
  | { type: 'transferSent'; ref: TransferRef; error?: string; lost?: boolean; unsent?: boolean }
  /** A `settle` effect was carried out: the pending copy of `version` is now held (commit) or gone (discard), or `error`. */
  | { type: 'settled'; name: string; version: Version; outcome: 'commit' | 'discard'; error?: string };

/** Why a command failed, beside its sentence: a closed set a program can switch on (the sentence is for people). */
export type OpErrorCode =
  /** The file name is not valid, or not placed by this peer (four-digit names only). */
  | 'BAD_NAME'
  /** The peer is not in a ring: it has not joined yet, or it has departed. */
  | 'NOT_IN_RING'
  /** No answer within the command's deadline. */
  | 'TIMEOUT'
  /** Every successor of the peer a lookup reached failed to acknowledge its hop: no live way on. */
  | 'NO_ROUTE'
  /** The file is not in the DHT: neither the responsible peer nor its replicas hold it. */
  | 'NOT_FOUND'
  /** A holder had the file but could not send it (it could not read it). */
  | 'SEND_FAILED'
  /** The file's bytes did not get through: the transfer was refused, cut off, or could not be written. */
  | 'TRANSFER_FAILED'
  /** The holders reached had only copies older than a store of the name acknowledged to this peer (read your writes). */
  | 'STALE'
  /** The responsible peer could not make as many copies durable as a store needs (W). */
  | 'STORE_FAILED'
  /** Another store of the same name, newer, won the race: this one's bytes never became the file. */
  | 'SUPERSEDED'
  /** A join by a peer that is already in a ring. */
  | 'ALREADY_IN_RING'
  /** A join through a peer that cannot place it (itself). */
  | 'BAD_PEER'
  /**
   * The ring refused the join: the peer asked (or one the request was passed to) is not in a ring or is leaving it, a
   * peer on the request's way is down and not declared gone yet, or the newcomer's id is taken. The reason says what
   * to do.
   */
  | 'JOIN_REFUSED'
  /** The peer's runtime, not the machine: too many commands are under way at the peer. */
  | 'BUSY'
  /** The peer's runtime: the file a store was to take its bytes from could not be read. */
  | 'BAD_SOURCE'
  /** The peer's runtime: a store found no file to send (none at PATH, no NAME.pdf or NAME) and was not asked for an empty record. */
  | 'NO_FILE'
  /** The peer's runtime: the peer is shutting down and takes no new command. */
  | 'SHUTTING_DOWN'
  /** The peer's runtime: the peer failed while carrying the command out. */
  | 'PEER_FAILED';

/** How a command ended, as the machine decides it; a failure says why twice: a `code` for programs, a sentence for people. */
export type OpOutcome =
  /**
   * `holder`: the key's holder that answered (a request served from the requester's own copy names the holder that
   * found it as new as its own). `version`: a store's, as its responsible peer gave it (a newer store wins over it).
   */
  | { ok: true; holder: PeerId; hops: number; version?: Version }
  | { ok: false; code: OpErrorCode; error: string; holder?: PeerId; hops?: number };

/** How a command ended, with the milliseconds it took on the machine's clock. */
export type OpResult = OpOutcome & { ms: number };

export type Effect =
  | { type: 'send'; to: PeerId; transport: 'udp' | 'tcp'; message: Message }
  | { type: 'schedule'; timer: TimerName; at: number }
  | { type: 'cancel'; timer: TimerName }
  /** Stream a file to `ref.peer` on a connection of its own: the op's source (store) or the held copy (deliver). */
  | { type: 'transfer'; ref: TransferRef }
  /**
   * Receiver side: take in the transfer `transfer` (the answer to its transferStarted), kept at `version` (a store
   * gets its version here; a copy keeps the one it came with); `pending` until its store is settled.
   */
  | { type: 'admitTransfer'; transfer: number; version?: Version; pending?: boolean }
  /** Receiver side: decline a transfer that was not asked for (the answer to its transferStarted). */
  | { type: 'refuseTransfer'; transfer: number; reason: string }
  | { type: 'emit'; line: PeerLine }
  /**
   * The scrub: read the held copy of `name` and check it against `sha256`, its recorded one; answered by `verified`. A
   * copy larger than `maxBytes` (when given) is not read: the answer says it was skipped.
   */
  | { type: 'verify'; name: string; sha256: string; maxBytes?: number }
  /**
   * Delete the held copy of `name`, only if it is still the one at `sha256`: this peer no longer needs it. Answered by
   * `dropped`; the machine holds the copy until then.
   */
  | { type: 'drop'; name: string; sha256: string; version: Version }
  /** A store's pending copy of `version`: make it the held one (commit), or throw it away (discard); answered by `settled`. */
  | { type: 'settle'; name: string; version: Version; outcome: 'commit' | 'discard' }
  | { type: 'complete'; op: number; kind: CommandKind; name: string; result: OpResult }
  /** The peer has departed: the adapter closes it. */
  | { type: 'leave' };

export type CommandKind = LookupKind | 'join' | 'quit';
