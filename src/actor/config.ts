// What an actor is told when it is spawned (plain data: it crosses from the main thread to a worker).
import type { Config } from '../config.ts';
import type { PeerId } from '../core/ring.ts';
import type { PeerAddress } from '../wire/codec.ts';
import type { Address, Addressing } from './addresses.ts';

/**
 * The resolved settings (src/config.ts: every one with the same name and meaning there) and where this peer is.
 * Built by the host (Ring.configFor), never with defaults of its own.
 */
export interface ActorConfig extends Omit<Config, 'known' | 'threads' | 'dataDir' | 'receiveLayout' | 'zone'> {
  id: PeerId;
  successors: PeerId[];
  /** The finger table as built (finger routing); left out, fix-fingers fills it. */
  fingers?: PeerId[];
  /** This peer's UDP and TCP port (basePort + id on 8-bit rings), bound on `host`. */
  port: number;
  /** What other peers are told: never unspecified (Ring.configFor resolves --advertise, or the one usable interface). */
  advertised: Address;
  /** Where copies are spread: the advertised host unless --zone says otherwise. */
  zone: string;
  /** 'ports' (peer N at basePort + N) or 'carried' (addresses travel in the envelopes: larger id spaces). */
  addressing: Addressing;
  /** Addresses known from the start: the other peers of this process, a known peer given as ID@HOST:PORT. */
  known: PeerAddress[];
  /** This peer's data directory (its stored files): <dataDir>/peer-<id>. */
  dataDir: string;
  /** Where `request NAME` saves received_NAME.pdf (from filesDir and receiveLayout). */
  receiveDir: string;
}

/** What a user asked a peer to do. */
export type PeerCommand =
  | { kind: 'store'; name: string; path?: string; empty?: boolean }
  /** `into: 'memory'`: the bytes come back with the result (a get), no received_NAME file is written. */
  | { kind: 'request'; name: string; into?: 'file' | 'memory' }
  /** This new peer joins the ring through `via`. */
  | { kind: 'join'; via: number }
  /** Graceful departure; `departing`: peers leaving at the same time (the files go to the first successor not among them). */
  | { kind: 'quit'; departing?: PeerId[] };
