// What the live view's server sends its pages (as Server-Sent Events, each a JSON array of items) and answers.
import type { PeerLine } from '../core/lines.ts';

/** Every command (POST) carries this header set to 1: other sites' pages cannot send it without a CORS preflight. */
export const COMMAND_HEADER = 'x-ringdht-view';

/** A peer of this process as its status shows it. Peers of other processes appear only in these lists. */
export interface ViewPeer {
  id: number;
  successors: number[];
  predecessors: (number | null)[];
  /** Finger routing only: finger i is successor(id + 2^i) as this peer knows it. */
  fingers?: (number | null)[];
  /** What it holds, its own files and copies alike (the page tells them apart by `key`). */
  files: { name: string; sizeBytes: number; key: number }[];
}

/** The first message on a page's stream: the ring's settings and every local peer. */
export interface ViewSnapshot {
  type: 'snapshot';
  idBits: number;
  routing: 'successor' | 'finger';
  pingIntervalMs: number;
  maxFileBytes: number;
  peers: ViewPeer[];
}

export type ViewItem =
  /** A line a peer printed (SPEC.md section 2, with its typed fields): the page draws hops, transfers, deaths from these. */
  | { type: 'line'; peer: number; t: number; line: PeerLine }
  /** A command ended. */
  | {
      type: 'done';
      peer: number;
      t: number;
      command: string;
      ok: boolean;
      holder?: number;
      hops?: number;
      error?: string;
    }
  /** A local peer's lists or files changed (or it is new here). */
  | { type: 'peer'; peer: ViewPeer }
  /** A local peer ended: departed (`left`), killed, or crashed. */
  | { type: 'gone'; peer: number; t: number; how: 'left' | 'killed' | 'crashed' };

/** What a command from the page answers (HTTP 200); a bad request gets 4xx and `{ error }`. */
export interface ViewCommandResult {
  ok: boolean;
  error?: string;
  holder?: number;
  hops?: number;
  /** A request's file, to download from here. */
  download?: string;
}
