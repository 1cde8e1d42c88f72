// Types the simulator's modules share: the machine it drives, file contents, and its record of every command.
import type { OpResult } from '../core/io.ts';
import type { MachineConfig, PeerMachine } from '../core/machine.ts';
import type { LookupKind } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';

/** What the simulator needs of a peer's machine; tests wrap a PeerMachine in a broken variant of this. */
export type SimMachine = Pick<PeerMachine, 'id' | 'handle' | 'status' | 'holds'>;
export type MachineFactory = (config: MachineConfig) => SimMachine;

/** A file's bytes, as the simulator tracks them: a random token and a size. */
export interface Content {
  token: number;
  sizeBytes: number;
}

/** One command the simulator gave a peer, and how it ended. */
export interface OpRecord {
  op: number;
  origin: PeerId;
  /** The origin's incarnation when the command was given: a restarted peer never finishes its old ops. */
  incarnation: number;
  kind: LookupKind;
  name: string;
  key: number;
  issuedAt: number;
  /** Who was responsible for the key among the live peers when the command was given. */
  responsibleAtIssue: PeerId;
  /** Store: the bytes being stored. */
  content?: Content;
  /** Request: the bytes that arrived at the origin. */
  received?: Content;
  result?: OpResult;
  completedAt?: number;
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
