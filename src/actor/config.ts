// What an actor is told when it is spawned (plain data: it crosses from the main thread to a worker).
import type { PeerId } from '../core/ring.ts';
import type { Routing } from '../core/routing.ts';
import type { PeerAddress } from '../wire/codec.ts';
import type { Addressing } from './addresses.ts';

export interface ActorConfig {
  id: PeerId;
  idBits: number;
  successors: PeerId[];
  /** The finger table as built (finger routing); left out, fix-fingers fills it. */
  fingers?: PeerId[];
  host: string;
  basePort: number;
  /** This peer's UDP and TCP port (BASE_PORT + id on 8-bit rings). */
  port: number;
  /** 'ports' (peer N at BASE_PORT + N) or 'carried' (addresses travel in the envelopes: larger id spaces). */
  addressing: Addressing;
  /** Addresses known from the start: the other peers of this process, a known peer given as ID@HOST:PORT. */
  known: PeerAddress[];
  routing: Routing;
  pingIntervalMs: number;
  /** Unanswered pings in a row before a successor is declared gone (K). */
  pingMissLimit: number;
  /**
   * How long a successor it was started with may stay silent before its misses count (default: the core's,
   * for peers in other processes that may come up later). 0 when every successor already listens.
   */
  startupGraceMs?: number;
  opTimeoutMs: number;
  /** This peer's data directory (its stored files). */
  dataDir: string;
  /** Where `store NAME` looks for NAME.pdf or NAME. */
  filesDir: string;
  /** Where `request NAME` saves received_NAME.pdf. */
  receiveDir: string;
  maxFileBytes: number;
  chunkBytes: number;
  maxFrameBytes: number;
  connectTimeoutMs: number;
  transferIdleTimeoutMs: number;
  closeGraceMs: number;
  /** Copies of every file (R). */
  replicas: number;
  /** Durable copies a store waits for (W). */
  writeQuorum: number;
  /** How often the peer compares what it holds with its successors (default: the ping interval). */
  syncIntervalMs?: number;
  maxConcurrentCopies: number;
  /** Limits on what arrives (DEFAULTS has each one's meaning and default). */
  maxDatagramBytes: number;
  frameTimeoutMs: number;
  idleTimeoutMs: number;
  outboundIdleMs: number;
  maxInboundConnections: number;
  maxInFlight: number;
  transferTimeoutMs: number;
  /** The ring secret: with it every message is sealed and checked (src/wire/edge.ts); null: none. */
  secret: Uint8Array | null;
  replayWindowMs: number;
  nonceCacheEntries: number;
}

/** What a user asked a peer to do. */
export type PeerCommand =
  | { kind: 'store'; name: string; path?: string }
  | { kind: 'request'; name: string }
  /** This new peer joins the ring through `via`. */
  | { kind: 'join'; via: number }
  /** Graceful departure; `departing`: peers leaving at the same time (the files go to the first successor not among them). */
  | { kind: 'quit'; departing?: PeerId[] };
