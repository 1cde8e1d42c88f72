// The protocol's messages as the core sees them; src/wire maps them to and from proto/ringdht.proto.
import type { PeerId } from './ring.ts';

export type LookupKind = 'store' | 'request';
export type TransferPurpose = 'store' | 'deliver';

/** "I am your predecessor": rank 1 when the receiver is the sender's first successor, 2 when second. */
export interface PingRequest { type: 'pingRequest'; seq: number; rank: number }
export interface PingResponse { type: 'pingResponse'; seq: number; successors: PeerId[] }
/** A store or request travelling along the ring towards the peer responsible for `key`. */
export interface Lookup {
  type: 'lookup';
  kind: LookupKind;
  origin: PeerId;
  op: number;
  name: string;
  key: number;
  /** The sender found the receiver responsible for the key. */
  final: boolean;
  hops: number;
}
/** Responsible peer to the origin of a store: send me the file. */
export interface StoreReady { type: 'storeReady'; op: number; name: string; hops: number }
/** Responsible peer to the origin of a request: the file is not in the DHT. */
export interface NotFound { type: 'notFound'; op: number; name: string; hops: number }

/** Messages the peers exchange on the control paths (UDP for pings, TCP for the rest). */
export type Message = PingRequest | PingResponse | Lookup | StoreReady | NotFound;

/** Opens a file transfer (on its own TCP connection); chunks and the digest follow on the wire. */
export interface TransferHeader {
  purpose: TransferPurpose;
  op: number;
  origin: PeerId;
  name: string;
  sizeBytes: number;
  hops: number;
}
