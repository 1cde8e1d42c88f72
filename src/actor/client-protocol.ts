// The messages on a client port (PeerHandle.client()): store and request commands in, their results out.
import type { OpResult } from '../core/io.ts';

export interface ClientRequest {
  /** The client's own number for the command, echoed in the reply. */
  req: number;
  command:
    | { kind: 'store'; name: string; path?: string; empty?: boolean }
    | { kind: 'request'; name: string; into?: 'file' | 'memory' };
}

export interface ClientReply {
  req: number;
  result: OpResult;
  /** A get's bytes (a request into memory that succeeded). */
  bytes?: Uint8Array;
  /**
   * The ring's events stamped before this answer have `seq` below this (the ring's listeners may hear some of them a
   * little after the answer: their threads post lines in batches).
   */
  seq: number;
}

/**
 * The answer to the main thread's command call (WorkerApi.command): the command's completion itself, so a command costs
 * one message each way. `gone`: the actor crashed or closed before the command completed, and why.
 */
export type CommandReply = Omit<ClientReply, 'req'> | { gone: string };

/** Ops of client commands are numbered from here, apart from the ones the main thread gives (from 1 up). */
export const CLIENT_OP_BASE = 2 ** 31;
