// What goes into the pure PeerMachine (inputs) and what comes out (effects).
import type { PeerLine } from './lines.ts';
import type { LookupKind, Message, TransferPurpose } from './messages.ts';
import type { PeerId } from './ring.ts';

/** Timers are named; scheduling a name again replaces the earlier one. */
export type TimerName = string;

/** The key a driver files a scheduled timer under: scheduling the same key again replaces the earlier timer. */
export function timerKey(timer: TimerName): string {
  return timer;
}

export interface TransferRef {
  purpose: TransferPurpose;
  /** The other end of the transfer. */
  peer: PeerId;
  op: number;
  origin: PeerId;
  name: string;
  hops: number;
  /** A delivery: the lookup's attempt (which of the key's holders serves it), so a copy found lost goes on to the next one. */
  attempt?: number;
}

export type Input =
  | { type: 'start' }
  | { type: 'message'; from: PeerId; message: Message }
  | { type: 'timer'; timer: TimerName }
  | { type: 'command'; kind: LookupKind; op: number; name: string }
  /** This (new) peer joins the ring through `via`. */
  | { type: 'join'; op: number; via: PeerId }
  /**
   * Graceful departure: hand the files to the first successor not `departing` too (peers leaving at the same time),
   * tell the predecessors, leave.
   */
  | { type: 'quit'; op: number; departing?: readonly PeerId[] }
  /** Receiver side: a transfer's header arrived from `peer`. */
  | { type: 'transferStarted'; transfer: number; ref: TransferRef }
  /** Receiver side: the transfer ended; on success its bytes are durable where they belong, with this sha256 (hex). */
  | { type: 'transferReceived'; ref: TransferRef; error?: string; sha256?: string }
  /** A TCP message could not be delivered: the connection to `to` was refused (its process is down). */
  | { type: 'undeliverable'; to: PeerId; message: Message }
  /** A held file was found damaged or missing on disk (and is gone from it now). */
  | { type: 'fileLost'; name: string }
  /**
   * Sender side: the receiver acknowledged (or the transfer failed). `lost`: the held copy could not be read (missing
   * or damaged; the machine heard `fileLost` first), so the file is not here any more.
   */
  | { type: 'transferSent'; ref: TransferRef; error?: string; lost?: boolean };

/** How a command ended, as the machine decides it. */
export type OpOutcome =
  | { ok: true; holder: PeerId; hops: number }
  | { ok: false; error: string; holder?: PeerId; hops?: number };

/** How a command ended, with the milliseconds it took on the machine's clock. */
export type OpResult = OpOutcome & { ms: number };

export type Effect =
  | { type: 'send'; to: PeerId; transport: 'udp' | 'tcp'; message: Message }
  | { type: 'schedule'; timer: TimerName; at: number }
  | { type: 'cancel'; timer: TimerName }
  /** Stream a file to `ref.peer` on a connection of its own: the op's source (store) or the held copy (deliver). */
  | { type: 'transfer'; ref: TransferRef }
  /** Receiver side: take in the transfer `transfer` (the answer to its transferStarted). */
  | { type: 'admitTransfer'; transfer: number }
  /** Receiver side: decline a transfer that was not asked for (the answer to its transferStarted). */
  | { type: 'refuseTransfer'; transfer: number; reason: string }
  | { type: 'emit'; line: PeerLine }
  /** Delete a held file: this peer no longer needs its copy. */
  | { type: 'drop'; name: string }
  | { type: 'complete'; op: number; kind: CommandKind; name: string; result: OpResult }
  /** The peer has departed: the adapter closes it. */
  | { type: 'leave' };

export type CommandKind = LookupKind | 'join' | 'quit';
