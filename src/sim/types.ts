// Types the simulator's modules share: the machine it drives, file contents, and its record of every command.
import type { CommandKind, OpResult } from '../core/io.ts';
import type { MachineConfig, PeerMachine } from '../core/machine.ts';
import type { PeerId } from '../core/ring.ts';
import type { Version } from '../core/version.ts';

/** What the simulator needs of a peer's machine; tests wrap a PeerMachine in a broken variant of this. */
export type SimMachine = Pick<PeerMachine, 'id' | 'handle' | 'status' | 'holds'> &
  Partial<Pick<PeerMachine, 'knownPeers'>>;
export type MachineFactory = (config: MachineConfig) => SimMachine;

/** A file's bytes, as the simulator tracks them: a random token and a size. */
export interface Content {
  token: number;
  sizeBytes: number;
  /** A held copy whose bytes on disk are no longer the ones its store recorded (truncated or corrupted under the peer). */
  damaged?: true;
  /** A copy on a disk: its version (a store's content before it is taken has none). */
  version?: Version;
  /** A pending copy its peer keeps as the store's responsible peer (a real store's log records it so). */
  own?: true;
}

/** One command the simulator gave a peer, and how it ended. */
export interface OpRecord {
  op: number;
  origin: PeerId;
  /** The origin's incarnation when the command was given: a restarted peer never finishes its old ops. */
  incarnation: number;
  kind: CommandKind;
  /** The file name; for join and quit, what the machine calls the op. */
  name: string;
  /** The file's key (a store or request; joins and departures have none). */
  key?: number;
  issuedAt: number;
  /** Every peer responsible for the key among the ring's members while the op was under way. */
  holders: Set<PeerId>;
  /** Store: the bytes being stored. */
  content?: Content;
  /** Request: the bytes that arrived at the origin. */
  received?: Content;
  /** Request: the members that held a committed copy of the name when it was given. */
  heldAtIssue?: PeerId[];
  /**
   * Request: holders it had when given that no peer on its origin's side knew of at its start, just after a cut or just
   * before a heal, each with the last of those moments it was unknown.
   */
  unknownHolders?: Map<PeerId, number>;
  /** Request: holders it had when given that some peer on its origin's side knew of at one of those moments. */
  knownHolders?: Set<PeerId>;
  /** Request: until when its origin was stalled when it was given, stalls that overlapped that one included. */
  stalledUntilAtIssue?: number;
  result?: OpResult;
  completedAt?: number;
  /** A restarted peer's join: which try this is. */
  attempt?: number;
  /** The origin crashed before the op completed: nobody is left to complete it. */
  orphaned?: boolean;
}

/** A broken invariant: what, where, and how to get there again. */
export interface Violation {
  invariant: string;
  message: string;
  seed: number;
  step: number;
  atMs: number;
  /** The last events before it, oldest first. */
  trace: string[];
}

/** Something that changed the ring: the time until it looks right again is its convergence time. */
export interface Disturbance {
  kind: 'crash' | 'restart' | 'join' | 'quit' | 'heal';
  atMs: number;
  peer?: PeerId;
  /** A join or departure: its op, which has to end before the ring can be right. */
  op?: number;
}
