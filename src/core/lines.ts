// The terminal lines a peer prints, word for word as the original (SPEC.md section 2), with typed fields.
import type { PeerId } from './ring.ts';

export type FieldValue = string | number | boolean | readonly number[];

/** One line a peer prints: `event` names it for --json, `text` is what a person reads. */
export interface PeerLine {
  event: string;
  text: string;
  [field: string]: FieldValue;
}

function peers(ids: readonly number[]): string {
  return ids.length === 1 ? `Peer ${ids[0]}` : `Peers ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

export const lines = {
  /** The exercise's first lines, at each peer as it starts (step 1 of the original's README). */
  started: (id: PeerId, port: number): PeerLine => ({
    event: 'peer.started',
    text: `Start peer ${id} at port ${port}`,
    port,
  }),
  successorPorts: (id: PeerId, successors: readonly PeerId[], ports: readonly number[]): PeerLine => ({
    event: 'peer.successors',
    text:
      ports.length === 1
        ? `Peer ${id} can find first successor on port ${ports[0]}.`
        : `Peer ${id} can find first successor on port ${ports[0]} and second successor on port ${ports[1]}.`,
    successors,
    ports,
  }),
  pingSent: (to: readonly PeerId[]): PeerLine => ({
    event: 'ping.sent',
    text: `Ping request${to.length === 1 ? '' : 's'} sent to ${peers(to)}`,
    to,
  }),
  pingReceived: (from: PeerId): PeerLine => ({
    event: 'ping.received',
    text: `Ping request message received from Peer ${from}`,
    from,
  }),
  /** `rttMs`, when known, is the round trip of this ping on the peer's clock (for --json and benchmarks). */
  pingResponse: (from: PeerId, rttMs?: number): PeerLine => ({
    event: 'ping.response',
    text: `Ping response received from Peer ${from}`,
    from,
    ...(rttMs === undefined ? {} : { rttMs }),
  }),
  /** A successor did not answer this round's ping in time (`misses` in a row; at `limit` it is declared gone). */
  pingMissed: (from: PeerId, misses: number, limit: number): PeerLine => ({
    event: 'ping.missed',
    text: `No ping response from Peer ${from} (${misses} of ${limit} missed)`,
    from,
    misses,
    limit,
  }),
  /** A successor that had missed pings answers again. */
  pingRecovered: (from: PeerId, misses: number): PeerLine => ({
    event: 'ping.recovered',
    text: `Ping response received from Peer ${from} again, after ${misses} missed`,
    from,
    misses,
  }),
  storeForwarded: (name: string, key: number, successor: PeerId): PeerLine => ({
    event: 'store.forwarded',
    text: `Store ${name} request forwarded to my successor`,
    name,
    key,
    successor,
  }),
  /** Finger routing: a hop to a peer other than the first successor says which peer; `hop` is its number on the lookup's path. */
  storeForwardedTo: (name: string, key: number, to: PeerId, hop: number): PeerLine => ({
    event: 'store.forwarded',
    text: `Store ${name} request forwarded to Peer ${to}`,
    name,
    key,
    to,
    hop,
    finger: true,
  }),
  storeAccepted: (name: string, key: number, from: PeerId): PeerLine => ({
    event: 'store.accepted',
    text: `Store ${name} request accepted`,
    name,
    key,
    from,
  }),
  storeUnknown: (name: string, from: PeerId, error: string): PeerLine => ({
    event: 'store.unknown',
    text: `Store ${name} request from Peer ${from}: outcome unknown: ${error}`,
    name,
    from,
    error,
  }),
  storeFailed: (name: string, from: PeerId, error: string): PeerLine => ({
    event: 'store.failed',
    text: `Store ${name} request from Peer ${from} failed: ${error}`,
    name,
    from,
    error,
  }),
  requestSent: (name: string, key: number, successor: PeerId): PeerLine => ({
    event: 'request.sent',
    text: `File request for ${name} has been sent to my successor`,
    name,
    key,
    successor,
  }),
  requestSentTo: (name: string, key: number, to: PeerId, hop: number): PeerLine => ({
    event: 'request.sent',
    text: `File request for ${name} has been sent to Peer ${to}`,
    name,
    key,
    to,
    hop,
    finger: true,
  }),
  requestForwarded: (name: string, key: number, successor: PeerId): PeerLine => ({
    event: 'request.forwarded',
    text: `Request for File ${name} has been received, but the file is not stored here`,
    name,
    key,
    successor,
  }),
  requestForwardedTo: (name: string, key: number, to: PeerId, hop: number): PeerLine => ({
    event: 'request.forwarded',
    text: `Request for File ${name} has been received, but the file is not stored here: forwarded to Peer ${to}`,
    name,
    key,
    to,
    hop,
    finger: true,
  }),
  requestFound: (name: string): PeerLine => ({
    event: 'request.found',
    text: `File ${name} is stored here`,
    name,
  }),
  /** At a holder asked by a peer that keeps the same copy, or a newer one: no bytes travel, it serves its own. */
  requestSameCopy: (name: string, origin: PeerId, same: boolean): PeerLine => ({
    event: 'request.samecopy',
    text: `File ${name} is stored here, and Peer ${origin} keeps ${same ? 'the same' : 'a newer'} copy: it serves its own`,
    name,
    origin,
    same,
  }),
  /** At the requester, told by a holder that the copy kept here is the one it would send, or newer. */
  requestOwnCopy: (name: string, holder: PeerId, same: boolean): PeerLine => ({
    event: 'request.owncopy',
    text: `Peer ${holder} has ${same ? 'the same' : 'an older'} copy of File ${name}: serving the one kept here`,
    name,
    holder,
    same,
  }),
  /** At the requester that keeps a copy, when no successor answers: it serves that copy rather than fail. */
  requestOwnCopyNoRoute: (name: string): PeerLine => ({
    event: 'request.owncopy',
    text: `No successor answered: serving the copy of File ${name} kept here`,
    name,
  }),
  /** At the requester that keeps a copy, when the walk of the key's holders found none: it serves that copy. */
  requestOwnCopyAbsent: (name: string, asked: PeerId): PeerLine => ({
    event: 'request.owncopy',
    text: `Peer ${asked} has no copy of File ${name}: serving the one kept here`,
    name,
    asked,
  }),
  /** At the requester, a holder of the file itself, when no holder answered its request before the deadline. */
  requestOwnCopyLate: (name: string): PeerLine => ({
    event: 'request.owncopy',
    text: `No answer in time: serving the copy of File ${name} kept here`,
    name,
  }),
  /** At the requester, offered a copy older than a store acknowledged to it: it asks the peer that took that store. */
  requestStale: (name: string, holder: PeerId, acknowledgedBy: PeerId): PeerLine => ({
    event: 'request.stale',
    text: `Peer ${holder} has an older copy of File ${name} than the store acknowledged here: asking Peer ${acknowledgedBy}`,
    name,
    holder,
    acknowledgedBy,
  }),
  /** At the responsible peer when the file is not in the DHT, after its replicas were asked: the original's line. */
  requestNoSuchFile: (name: string, origin: PeerId): PeerLine => ({
    event: 'request.nosuchfile',
    text: 'no such file',
    name,
    origin,
  }),
  /** At the last replica a request was passed on to, which has no copy either: the responsible peer is told. */
  requestNoCopy: (name: string, responsible: PeerId): PeerLine => ({
    event: 'request.nocopy',
    text: `File ${name} is not stored here either: telling Peer ${responsible}`,
    name,
    responsible,
  }),
  /** At the requester when the responsible peer had no such file. */
  requestAbsent: (name: string, holder: PeerId): PeerLine => ({
    event: 'request.absent',
    text: `File ${name} is not in the DHT: Peer ${holder} has no such file`,
    name,
    holder,
  }),
  fileSending: (name: string, to: PeerId): PeerLine => ({
    event: 'file.sending',
    text: `Sending file ${name} to Peer ${to}`,
    name,
    to,
  }),
  fileSent: (name: string, to: PeerId): PeerLine => ({
    event: 'file.sent',
    text: 'The file has been sent',
    name,
    to,
  }),
  requestUnsent: (name: string, holder: PeerId, error: string): PeerLine => ({
    event: 'request.unsent',
    text: `Peer ${holder} had File ${name} but could not send it: ${error}`,
    name,
    holder,
    error,
  }),
  fileSendFailed: (name: string, to: PeerId, error: string): PeerLine => ({
    event: 'file.sendfailed',
    text: `Sending file ${name} to Peer ${to} failed: ${error}`,
    name,
    to,
    error,
  }),
  requestHolder: (name: string, holder: PeerId): PeerLine => ({
    event: 'request.holder',
    text: `Peer ${holder} had File ${name}`,
    name,
    holder,
  }),
  fileReceiving: (name: string, from: PeerId): PeerLine => ({
    event: 'file.receiving',
    text: `Receiving File ${name} from Peer ${from}`,
    name,
    from,
  }),
  joinForwarded: (newcomer: PeerId, successor: PeerId): PeerLine => ({
    event: 'join.forwarded',
    text: `Peer ${newcomer} Join request forwarded to my successor`,
    newcomer,
    successor,
  }),
  /** Finger routing: the join request skips ahead to a finger. */
  joinForwardedTo: (newcomer: PeerId, to: PeerId): PeerLine => ({
    event: 'join.forwarded',
    text: `Peer ${newcomer} Join request forwarded to Peer ${to}`,
    newcomer,
    to,
    finger: true,
  }),
  /**
   * A join request sent on to a named peer that is neither a successor nor a finger hop (the finger's words): passed back
   * by a peer in no ring to the peer it joins through, or by a leaving peer to a predecessor it told.
   */
  joinSentOn: (newcomer: PeerId, to: PeerId): PeerLine => ({
    event: 'join.forwarded',
    text: `Peer ${newcomer} Join request forwarded to Peer ${to}`,
    newcomer,
    to,
  }),
  joinReceived: (newcomer: PeerId): PeerLine => ({
    event: 'join.received',
    text: `Peer ${newcomer} Join request received`,
    newcomer,
  }),
  joinAccepted: (): PeerLine => ({ event: 'join.accepted', text: 'Join request has been accepted' }),
  joinRefused: (reason: string): PeerLine => ({
    event: 'join.refused',
    text: `Join request refused: ${reason}`,
    reason,
  }),
  successorChangeReceived: (from: PeerId): PeerLine => ({
    event: 'successor.change',
    text: 'Successor Change request received',
    from,
  }),
  /** After a join, a departure or a death: `initial` for the newcomer's first list ("My first successor is ..."). */
  successor: (rank: 1 | 2, successor: PeerId, initial: boolean): PeerLine => ({
    event: rank === 1 ? 'successor.first' : 'successor.second',
    text: `My ${initial ? '' : 'new '}${rank === 1 ? 'first' : 'second'} successor is Peer ${successor}`,
    successor,
  }),
  departing: (leaving: PeerId): PeerLine => ({
    event: 'peer.departing',
    text: `Peer ${leaving} will depart from the network`,
    leaving,
  }),
  /** At the leaving peer once its departure is done (quit): the confirmation a killed peer's stop message gives. */
  departed: (leaving: PeerId): PeerLine => ({
    event: 'peer.departed',
    text: `Peer ${leaving} has departed from the network`,
    leaving,
  }),
  /** `dead`, not `peer`: in JSON `peer` is always the peer that printed the line. */
  noLongerAlive: (dead: PeerId): PeerLine => ({
    event: 'peer.dead',
    text: `Peer ${dead} is no longer alive`,
    dead,
  }),
  /** A peer declared gone answered a probe: it was cut off, not dead, and takes its place again. */
  aliveAgain: (alive: PeerId): PeerLine => ({
    event: 'peer.alive',
    text: `Peer ${alive} is alive again`,
    alive,
  }),
  fileReceived: (name: string, from: PeerId): PeerLine => ({
    event: 'file.received',
    text: `File ${name} received`,
    name,
    from,
  }),
  lookupRerouted: (
    name: string,
    unreachable: PeerId,
    next: PeerId,
    kind: 'store' | 'request' = 'request',
  ): PeerLine => ({
    event: 'lookup.rerouted',
    text: `Peer ${unreachable} did not answer: the ${kind === 'store' ? 'store of' : 'request for'} File ${name} goes to Peer ${next}`,
    name,
    kind,
    unreachable,
    next,
  }),
  /** The requester's lookup had no answer in time (or got stuck): it is sent again, another way. */
  lookupRetried: (name: string, kind: 'store' | 'request', via: PeerId): PeerLine => ({
    event: 'lookup.retried',
    text: `No answer to the ${kind === 'store' ? 'store of' : 'request for'} File ${name}: sent again by way of Peer ${via}`,
    name,
    kind,
    via,
  }),
  // Replication (not in the original, which kept one copy).
  requestToReplica: (name: string, key: number, replica: PeerId): PeerLine => ({
    event: 'request.replica',
    text: `File ${name} is not stored here: asking its copy at Peer ${replica}`,
    name,
    key,
    replica,
  }),
  copyStored: (name: string, from: PeerId): PeerLine => ({
    event: 'copy.stored',
    text: `Copy of File ${name} stored (from Peer ${from})`,
    name,
    from,
  }),
  copyPresumed: (name: string, version: string): PeerLine => ({
    event: 'copy.presumed',
    text: `Copy of File ${name} kept: no peer said how its store ended (${version})`,
    name,
  }),
  copyFailed: (name: string, from: PeerId, error: string): PeerLine => ({
    event: 'copy.failed',
    text: `Copy of File ${name} from Peer ${from} failed: ${error}`,
    name,
    from,
    error,
  }),
  copyDropped: (name: string, holders: PeerId[]): PeerLine => ({
    event: 'copy.dropped',
    text: `Copy of File ${name} dropped: Peer${holders.length === 1 ? '' : 's'} ${holders.length === 1 ? holders[0] : `${holders.slice(0, -1).join(', ')} and ${holders.at(-1)}`} hold${holders.length === 1 ? 's' : ''} it`,
    name,
    holders,
  }),
  dropFailed: (name: string, error: string): PeerLine => ({
    event: 'copy.dropFailed',
    text: `Could not delete File ${name}: ${error} (the copy is kept, and dropped again later)`,
    name,
    error,
  }),
  fileLost: (name: string): PeerLine => ({
    event: 'file.lost',
    text: `File ${name} is damaged or missing on disk: it will be copied again from another holder`,
    name,
  }),
  handoffStarted: (to: PeerId, files: number): PeerLine => ({
    event: 'handoff.started',
    text: `Handing ${files} file${files === 1 ? '' : 's'} to Peer ${to} before leaving`,
    to,
    files,
  }),
  handoffDone: (to: PeerId): PeerLine => ({
    event: 'handoff.done',
    text: `Peer ${to} has every file this peer held`,
    to,
  }),
  handoffIncomplete: (to: PeerId, left: number | undefined): PeerLine => ({
    event: 'handoff.incomplete',
    text: `Peer ${to} did not confirm ${left === undefined ? 'the hand-off' : `${left} file${left === 1 ? '' : 's'}`} in time: leaving anyway (the other copies remain)`,
    to,
    ...(left === undefined ? {} : { left }),
  }),
};
