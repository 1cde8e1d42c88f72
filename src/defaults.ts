// Every default and limit in one place, each with its unit (ARCHITECTURE.md "Errors and limits").
// Values derived from others (the ping timeout from the interval, W at most R, ...) are filled in by
// resolveConfig (src/config.ts), the one place that turns options into settings.

export const second = 1000; // ms
export const minute = 60 * second;
export const KiB = 1024;
export const MiB = 1024 * KiB;

export const DEFAULTS = {
  /** Peer N listens on UDP and TCP port BASE_PORT + N. */
  basePort: 12000,
  host: '127.0.0.1',
  /** The live view's HTTP port (`--web` with no port; `ring.serveView()`), on the peers' host. */
  viewPort: 8256,
  /** Identifier space [0, 2^idBits): the original's 0..255. */
  idBits: 8,
  /** How often a peer pings its successors (init.sh's 30 s, as the original). */
  pingIntervalMs: 30 * second,
  /** Unanswered pings in a row before a successor is declared gone (K; --ping-miss-limit). A ping is
   *  unanswered when no response came within the ping timeout (half the interval, at most 2 s), nor to the
   *  indirect probes within one more, so a dead peer is reported about (K - 1) x interval + twice that timeout
   *  after it died. */
  pingMissLimit: 3,
  /** A successor silent to a ping is probed through this many other peers (SWIM's k, --indirect-probes) before the
   *  miss counts: a lost datagram is not a death (bench/results/resilience.md has the simulator's figures). */
  indirectProbes: 3,
  /** Successors a peer keeps (r, --successors) on the original's 8-bit ring: two, as the original. */
  successorCount: 2,
  /** Successors a peer keeps above 8 bits: a burst of fewer than this many adjacent crashes cannot close the ring
   *  on itself (bench/results/resilience.md has the simulator's figures that chose it). */
  wideSuccessorCount: 6,
  /** A lookup hop not acknowledged within the ping timeout, but never less than this, goes another way: every hop is
   *  acknowledged, and a loaded machine must not have a live peer routed around (a hop is ms; a ping round can be 0.1 s). */
  minHopTimeoutMs: 500,
  /** The ping timeout is half the ping interval, but never longer than this. */
  maxPingTimeoutMs: 2 * second,
  /** A successor a peer was started with that never answered is not counted missing for this long: peers
   *  started one after another (as separate processes are) get time to come up. */
  startupGraceMs: 15 * second,
  /** A join whose known peer does not answer fails after this. */
  joinTimeoutMs: 5 * second,
  /** A departing peer waits this long at most for its predecessors to confirm. */
  departTimeoutMs: 2 * second,
  /** A departing peer stops handing its files over when its successor has not answered or taken one for this long. */
  handoffTimeoutMs: 5 * second,
  /** A store or request that has not completed by then fails with a clear error. */
  opTimeoutMs: 30 * second,
  /** Each peer keeps its files in <dataDir>/peer-<id> (--data-dir). */
  dataDir: 'ringdht-data',
  /** Where `store` reads files from and `request` writes received_<NAME>.pdf (--files-dir). */
  filesDir: '.',
  /** The largest file `store` accepts and a peer receives. */
  maxFileBytes: 64 * MiB,
  /** File bytes travel in chunks of this size, one TCP frame each, so pings are never stuck behind a file. */
  chunkBytes: 256 * KiB,
  /** The largest TCP frame a peer reads; a larger length header closes the connection. */
  maxFrameBytes: 1 * MiB,
  /** Opening a TCP connection to a peer fails after this. */
  connectTimeoutMs: 5 * second,
  /** A transfer connection with nothing arriving for this long is closed. */
  transferIdleTimeoutMs: 15 * second,
  /** On shutdown, files still being sent get this long to finish. */
  closeGraceMs: 2 * second,
  /** Copies of every file: the responsible peer and the next R-1 peers (R, --replicas; 1 to 3). */
  replicas: 3,
  /** Durable copies a store waits for before it completes (W, --write-quorum; at most R). */
  writeQuorum: 2,
  /** Copies of files between peers (replication, repair, hand-off) sent at once by one peer; the rest wait their turn. */
  maxConcurrentCopies: 8,
  /** A call from the main thread to an actor (other than a command) fails after this. */
  callTimeoutMs: 10 * second,

  // --- limits on what arrives from the network (README "Limits") ---------------------------------
  /** The largest UDP datagram a peer reads (a ping with 32 successors is under 200 bytes); larger ones are dropped. */
  maxDatagramBytes: 8 * KiB,
  /** A frame, once its first byte arrived (and a new connection's first frame), must be whole within this, or the
   *  connection is closed: a peer that sends half a frame and stalls (slow loris) holds nothing for long. */
  frameTimeoutMs: 10 * second,
  /** An inbound connection with no bytes at all for this long is closed. */
  idleTimeoutMs: 2 * minute,
  /** A peer closes its own kept-open connections idle this long, before the other end's idle timeout could cut one mid-write. */
  outboundIdleMs: 1 * minute,
  /** Inbound TCP connections a peer keeps open at once; more are closed as they arrive (and counted). */
  maxInboundConnections: 256,
  /** Commands pending at a peer, files it is receiving, files it is sending: each at most this many at once.
   *  Beyond it a request is refused with the reason, never queued. */
  maxInFlight: 64,
  /** Every transfer, sending or receiving, ends within this, whatever the other end does. */
  transferTimeoutMs: 10 * minute,

  // --- the ring secret (--secret-file) ------------------------------------------------------------
  /** A sealed message stamped more than this before or after the receiver's clock is dropped as stale. */
  replayWindowMs: 30 * second,
  /** Nonces remembered to refuse a replay inside the window; past this many, the oldest go and the window narrows. */
  nonceCacheEntries: 65_536,
  /** A secret shorter than this is refused: it could be guessed. */
  minSecretBytes: 16,
} as const;
