// Maps the core's messages to and from the protobuf Envelope: one Envelope per UDP datagram or TCP frame.
import { isHost, rememberedPerHost } from './hosts.ts';
import {
  INLINE_MAX_BYTES,
  MAX_ERROR_CHARS,
  MAX_LOOKUP_RETRIES,
  type FileEntry,
  type LookupKind,
  type Message,
  type TransferHeader,
  type TransferPurpose,
} from '../core/messages.ts';
import { HOLD_QUERY_DEPTH, isZone, MAX_DIGEST_ENTRIES, MAX_REPLICAS, maxLookupHops } from '../core/replication.ts';
import { fileNameProblem, isId, spaceSize } from '../core/ring.ts';
import type { Version } from '../core/version.ts';
import protobuf from 'protobufjs/minimal.js';
import { FRAME_HEADER_BYTES } from './framing.ts';
import { ringdht } from './gen/ringdht.js';

export type TransferPart =
  | { type: 'transferHeader'; header: TransferHeader }
  | { type: 'transferChunk'; data: Uint8Array }
  | { type: 'transferEnd'; sha256: Uint8Array }
  | { type: 'transferAck'; ok: boolean; error: string };
/** A file of at most one chunk, whole, on the kept-open connection (no connection of its own), and its answer. */
export type InlinePart =
  | { type: 'inlineFile'; transfer: number; header: TransferHeader; data: Uint8Array; sha256: Uint8Array }
  | { type: 'inlineAck'; transfer: number; ok: boolean; error: string };
export type Body = Message | TransferPart | InlinePart;

/** 'malformed': protobuf could not parse it; 'empty': no message in the envelope; 'invalid': a field failed validation. */
export type DecodeError = 'malformed' | 'empty' | 'invalid';
/** Where a peer listens: travels in envelopes when ids do not map onto ports. */
export interface PeerAddress {
  id: number;
  host: string;
  port: number;
}
export type Decoded =
  | { ok: true; from: number; body: Body; addresses: PeerAddress[] }
  | { ok: false; reason: DecodeError; detail: string };
export interface DecodeLimits {
  idBits: number;
  maxFileBytes: number;
  maxChunkBytes: number;
}

export const MAX_SUCCESSORS = 32;
export const SHA256_BYTES = 32;
export const MAX_ACK_ERROR_CHARS = MAX_ERROR_CHARS;
/** The largest file that travels inline (the core's protocol constant). */
export { INLINE_MAX_BYTES };
/** The sender and every peer a message names (a successor list, an origin) fit well within this. */
export const MAX_ADDRESSES = MAX_SUCCESSORS + 4;

const KIND_TO_WIRE: Record<LookupKind, ringdht.LookupKind> = {
  store: ringdht.LookupKind.STORE,
  request: ringdht.LookupKind.REQUEST,
};
const PURPOSE_TO_WIRE: Record<TransferPurpose, ringdht.TransferPurpose> = {
  store: ringdht.TransferPurpose.STORE_FILE,
  deliver: ringdht.TransferPurpose.DELIVER_FILE,
  replica: ringdht.TransferPurpose.REPLICA_FILE,
};
// Maps, not object lookups: the number comes off the network and may be anything.
const SETTLE_FROM_WIRE = new Map<number, 'commit' | 'discard'>([
  [ringdht.SettleOutcome.COMMIT, 'commit'],
  [ringdht.SettleOutcome.DISCARD, 'discard'],
]);
const KIND_FROM_WIRE = new Map<number, LookupKind>([
  [ringdht.LookupKind.STORE, 'store'],
  [ringdht.LookupKind.REQUEST, 'request'],
]);
const PURPOSE_FROM_WIRE = new Map<number, TransferPurpose>([
  [ringdht.TransferPurpose.STORE_FILE, 'store'],
  [ringdht.TransferPurpose.DELIVER_FILE, 'deliver'],
  [ringdht.TransferPurpose.REPLICA_FILE, 'replica'],
]);

/** Encodes one envelope. Trusts its input: the core builds only valid messages. */
export function encodeEnvelope(from: number, body: Body, addresses: readonly PeerAddress[] = []): Uint8Array {
  return encodeWith(from, body, addresses, protobuf.Writer.create());
}

/**
 * As encodeEnvelope, as a whole TCP frame (framing.ts: its 4-byte big-endian length first), encoded in place: the
 * envelope is not copied again behind its length, one allocation and copy less per message.
 */
export function encodeEnvelopeFrame(from: number, body: Body, addresses: readonly PeerAddress[] = []): Buffer {
  // Room for the length, filled in once the envelope's size is known.
  const bytes = encodeWith(from, body, addresses, protobuf.Writer.create().fixed32(0));
  const out = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  out.writeUInt32BE(out.length - FRAME_HEADER_BYTES, 0);
  return out;
}

/**
 * The one envelope object every message is encoded from: every field of the Envelope present (the body's oneof fields
 * undefined but the one being sent), so it keeps one shape. The generated Envelope.encode tests each of the 33 oneof
 * fields; on envelopes of 33 shapes (one literal per message kind) each of those tests was a megamorphic property load
 * of a property the object lacks, V8's slowest kind, in a thread whose code mostly runs unoptimised.
 */
const envelope: Record<string, unknown> = Object.fromEntries(
  Object.keys(ringdht.Envelope.prototype).map((field) => [field, undefined]),
);

function encodeWith(from: number, body: Body, addresses: readonly PeerAddress[], writer: protobuf.Writer): Uint8Array {
  // A body's type is its field in the Envelope's oneof (test/wire/codec.test.ts checks every kind's bytes).
  const field = body.type;
  envelope[field] = toWire(body);
  envelope.from = from;
  envelope.addresses = addresses;
  try {
    return ringdht.Envelope.encode(envelope as ringdht.Envelope.$Properties, writer).finish();
  } finally {
    // Nothing sent stays referenced, and the next message finds every oneof field unset.
    envelope[field] = undefined;
    envelope.addresses = undefined;
  }
}

/** What each kind of body is encoded from: the Envelope's field of that name. */
type WireBody = NonNullable<ringdht.Envelope.$Properties[Body['type']]>;

/** The body's own message, the Envelope's field named by its type. */
function toWire(body: Body): WireBody {
  switch (body.type) {
    case 'pingRequest':
      return { seq: body.seq, rank: body.rank, predecessors: body.predecessors ?? [] };
    case 'pingResponse': {
      const { seq, successors, predecessor, zone, zones } = body;
      return {
        seq,
        successors,
        hasPredecessor: predecessor !== null,
        predecessor: predecessor ?? 0,
        zone: zone ?? '',
        zones: zones ?? [],
        incarnation: body.incarnation ?? 0,
      };
    }
    case 'lookup': {
      const {
        origin,
        op,
        name,
        key,
        final,
        hops,
        attempt,
        ack,
        responsible,
        holds,
        holders,
        detoured,
        retry,
        stale,
        passedOver,
        also,
        unsettled,
      } = body;
      return {
        kind: KIND_TO_WIRE[body.kind],
        origin,
        op,
        name,
        key,
        final,
        hops,
        attempt,
        ack: ack ?? 0,
        responsible: responsible ?? 0,
        holds: holds ?? null,
        holders: holders ?? [],
        detoured: detoured === true,
        retry: retry ?? 0,
        stale: stale === true,
        passedOver: passedOver === true,
        also: also === true,
        unsettled: unsettled === true,
      };
    }
    case 'sameCopy': {
      const { op, name, hops, version } = body;
      return { op, name, hops, version };
    }
    case 'stored': {
      const { op, name, hops, copies, error, version, superseded, unknown } = body;
      return {
        op,
        name,
        hops,
        copies,
        error,
        version: version ?? null,
        superseded: superseded === true,
        unknown: unknown === true,
      };
    }
    case 'settle': {
      const { name, version, outcome, done } = body;
      return {
        name,
        version,
        outcome: outcome === 'commit' ? ringdht.SettleOutcome.COMMIT : ringdht.SettleOutcome.DISCARD,
        done: done === true,
      };
    }
    case 'digest': {
      const { rangeLo, lo, hi, entries, handoff, zoned } = body;
      return { rangeLo, lo, hi, entries: entries.map(entryToWire), handoff, zoned: zoned === true };
    }
    case 'digestReply':
      return { want: body.want };
    case 'holdQuery':
      return { origin: body.origin, ttl: body.ttl, names: body.names, versions: body.versions };
    case 'holdReply':
      return { held: body.held };
    case 'storeReady':
      return { op: body.op, name: body.name, hops: body.hops };
    case 'notFound':
      return {
        op: body.op,
        name: body.name,
        hops: body.hops,
        error: body.error ?? '',
        copiesAsked: body.copiesAsked !== undefined,
        origin: body.copiesAsked?.origin ?? 0,
        stuck: body.stuck === true,
        hasResponsible: body.responsible !== undefined,
        responsible: body.responsible ?? 0,
        asked: body.asked ?? 0,
        retry: body.retry ?? 0,
        passedOver: body.passedOver === true,
        unsettled: body.unsettled === true,
        stale: body.stale === true,
      };
    case 'joinRequest':
      return { newcomer: body.newcomer, hops: body.hops };
    case 'joinAccepted':
      return { successors: body.successors, zones: body.zones ?? [] };
    case 'joinRefused':
      return { reason: body.reason };
    case 'successorChange': {
      const { origin, successors, hops, zones } = body;
      return { origin, successors, hops, zones: zones ?? [] };
    }
    case 'departure': {
      const { leaving, successors, hops, rank, zones, passOn } = body;
      return { leaving, successors, hops, rank, zones: zones ?? [], passOn: passOn === true };
    }
    case 'departureAck':
      return { leaving: body.leaving, first: body.first };
    case 'leaving':
      return { peer: body.peer };
    case 'successorList':
      return { successors: body.successors, zones: body.zones ?? [] };
    case 'indirectProbe':
      return { target: body.target, requester: body.requester, seq: body.seq };
    case 'indirectAck': {
      const { target, requester, seq, incarnation } = body;
      return { target, requester, seq, incarnation };
    }
    case 'suspect':
      return { peer: body.peer, incarnation: body.incarnation };
    case 'alive':
      return { peer: body.peer, incarnation: body.incarnation };
    case 'findSuccessor': {
      const { origin, seq, target, final, hops, ack, behind } = body;
      return { origin, seq, target, final, hops, ack: ack ?? 0, behind: behind ?? [] };
    }
    case 'successorFound':
      return { seq: body.seq, target: body.target, successor: body.successor };
    case 'hopAck':
      return { ack: body.ack };
    case 'transferHeader':
      return headerToWire(body.header);
    case 'inlineFile': {
      const { transfer, header, data, sha256 } = body;
      return { transfer, header: headerToWire(header), data, sha256 };
    }
    case 'inlineAck':
      return { transfer: body.transfer, ok: body.ok, error: body.error };
    case 'transferChunk':
      return { data: body.data };
    case 'transferEnd':
      return { sha256: body.sha256 };
    case 'transferAck':
      return { ok: body.ok, error: body.error };
  }
}

function headerToWire({
  purpose,
  op,
  origin,
  name,
  sizeBytes,
  hops,
  version,
  pending,
}: TransferHeader): ringdht.ITransferHeader {
  return {
    purpose: PURPOSE_TO_WIRE[purpose],
    op: op ?? 0,
    origin,
    name,
    size: sizeBytes,
    hops,
    version: version ?? null,
    pending: pending === true,
  };
}

function entryToWire(entry: FileEntry): ringdht.IFileEntry {
  return { name: entry.name, sha256: Buffer.from(entry.sha256, 'hex'), version: entry.version };
}

/** Decodes and validates one envelope. Never throws: bytes off the network must not crash the actor. */
export function decodeEnvelope(bytes: Uint8Array, limits: DecodeLimits): Decoded {
  const envelope = decodeTarget;
  try {
    try {
      decodeInto(bytes, undefined, undefined, undefined, envelope);
    } catch (error) {
      return {
        ok: false,
        reason: 'malformed',
        detail: `not a valid envelope: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    try {
      // The last of the oneof's fields read off the wire (protobuf's rule: the last one wins).
      const kind = envelope.body;
      if (kind === undefined) return { ok: false, reason: 'empty', detail: 'the envelope carries no message' };
      const check = new Check(limits);
      const body = fromWire(envelope as unknown as ringdht.Envelope, kind, check);
      return {
        ok: true,
        // A sender id of 0 written out (our encoder leaves it out) makes the decode delete the field: 0 all the same.
        from: idOf('sender id', (envelope.from ?? 0) as number, limits.idBits),
        body,
        addresses: check.addresses(envelope.addresses as ringdht.IPeerAddress[]),
      };
    } catch (error) {
      if (error instanceof Invalid) return { ok: false, reason: 'invalid', detail: error.message };
      return { ok: false, reason: 'malformed', detail: `could not read the envelope: ${String(error)}` };
    }
  } finally {
    // Nothing decoded stays referenced, and the next envelope starts from the defaults (after a deleted field, from a
    // new object: a delete leaves an object's shape slow for good).
    if (Object.hasOwn(envelope, 'from')) envelope.reset();
    else decodeTarget = new DecodeTarget();
  }
}

/**
 * Every envelope is decoded into one object (the generated decode's own target argument) that has every field from
 * the start, so it keeps one shape. A `new Envelope()` has none: the generated decode marked the oneof by assigning its
 * `body` property, whose setter `delete`d each of the 32 other oneof fields (a runtime call each, every message), and
 * reading `body` back listed the object's keys. Here `body` is the name of the one oneof field set: its setter clears
 * the one set before (another body earlier in the same bytes), as protobuf's rule and the generated setter do, with one
 * store. So at most one oneof field is ever set, the one `body` names. The other defaults are the prototype's (`from`
 * 0, no addresses).
 */
class DecodeTarget {
  [field: string]: unknown;
  from?: unknown = 0;
  addresses: unknown = NO_ADDRESSES;
  /** Own from the start: the decode's record of unknown fields (makeProp) then leaves the shape alone. */
  $unknowns: unknown = undefined;
  private oneof: string | undefined = undefined;
  constructor() {
    for (const field of ENVELOPE_FIELDS) this[field] = undefined;
  }
  get body(): string | undefined {
    return this.oneof;
  }
  set body(field: string) {
    const before = this.oneof;
    if (before !== undefined && before !== field) this[before] = undefined;
    this.oneof = field;
  }
  /** Back to the defaults, nothing decoded left referenced. */
  reset(): void {
    const field = this.oneof;
    if (field !== undefined) this[field] = undefined;
    this.oneof = undefined;
    this.from = 0;
    this.addresses = NO_ADDRESSES;
    this.$unknowns = undefined;
  }
}
const ENVELOPE_FIELDS = Object.keys(ringdht.Envelope.prototype).filter((f) => f !== 'from' && f !== 'addresses');
const NO_ADDRESSES: readonly ringdht.IPeerAddress[] = Object.freeze([]);
let decodeTarget = new DecodeTarget();
/** The generated decode with its internal arguments (protobufjs's static code): the last one is the object to fill. */
const decodeInto = ringdht.Envelope.decode as unknown as (
  reader: Uint8Array,
  length: undefined,
  end: undefined,
  depth: undefined,
  target: object,
) => unknown;

/** isHost, remembered: every envelope's address hints name the same few hosts. */
const isHostRemembered = rememberedPerHost(isHost);

// Thrown only inside decodeEnvelope, which turns it into { ok: false, reason: 'invalid' }.
class Invalid extends Error {}

function invalid(detail: string): never {
  throw new Invalid(detail);
}

function idOf(field: string, x: number, bits: number): number {
  if (!isId(x, bits)) throw new Invalid(`${field} ${x} is outside the ${bits}-bit ring (0 to ${spaceSize(bits) - 1})`);
  return x;
}

/** Field checks against the limits; each returns the value or throws Invalid naming the field. */
class Check {
  constructor(readonly limits: DecodeLimits) {}
  id(field: string, x: number): number {
    return idOf(field, x, this.limits.idBits);
  }
  name(field: string, name: string): string {
    if (fileNameProblem(name) === undefined) return name;
    // JSON.stringify escapes control characters; the slice keeps a hostile name out of the logs.
    const shown = JSON.stringify(name.length > 16 ? `${name.slice(0, 16)}...` : name);
    throw new Invalid(`${field} ${shown} is not a valid file name`);
  }
  /** A successor list: at most MAX_SUCCESSORS ids, each within the ring. */
  ids(field: string, ids: readonly number[]): number[] {
    this.atMost(`${field} list`, ids.length, MAX_SUCCESSORS, 'ids');
    return ids.map((id) => this.id(field, id));
  }
  /** A zone (--zone): 1 to 64 printable ASCII characters without spaces. */
  zone(field: string, zone: string): string {
    if (isZone(zone)) return zone;
    throw new Invalid(`${field} ${JSON.stringify(zone.slice(0, 64))} is not a zone (1 to 64 printable characters)`);
  }
  /** The zones of a successor list: none, or one per successor ('' where the sender does not know it). */
  zones(field: string, zones: readonly string[], successors: number): { zones?: string[] } {
    if (zones.length === 0) return {};
    if (zones.length !== successors)
      throw new Invalid(`${field} has ${successors} successors but ${zones.length} zones`);
    return { zones: zones.map((zone) => (zone === '' ? zone : this.zone(`${field} zone`, zone))) };
  }
  hops(field: string, hops: number): number {
    const most = maxLookupHops(this.limits.idBits);
    if (hops > most)
      throw new Invalid(
        `${field} ${hops} is more than a lookup takes in a ring of ${spaceSize(this.limits.idBits)} ids`,
      );
    return hops;
  }
  /** A list of file names, at most MAX_DIGEST_ENTRIES. */
  names(field: string, names: readonly string[]): string[] {
    this.atMost(`${field} list`, names.length, MAX_DIGEST_ENTRIES, 'names');
    return names.map((name) => this.name(`${field} name`, name));
  }
  /** Digest entries: valid names, each with a 32-byte SHA-256 and a version, at most MAX_DIGEST_ENTRIES. */
  entries(field: string, entries: readonly ringdht.IFileEntry[]): FileEntry[] {
    this.atMost(`${field} entry list`, entries.length, MAX_DIGEST_ENTRIES, 'entries');
    return entries.map((e) => {
      const sha256 = e.sha256 ?? new Uint8Array();
      if (sha256.length !== SHA256_BYTES)
        throw new Invalid(`${field} entry digest is ${sha256.length} bytes, not the ${SHA256_BYTES} of a SHA-256`);
      return {
        name: this.name(`${field} entry name`, e.name ?? ''),
        sha256: Buffer.from(sha256).toString('hex'),
        version: this.version(`${field} entry version`, e.version),
      };
    });
  }
  /** A version: a stamp that is a whole number of ms a double holds exactly, a peer id, an op. */
  version(field: string, v: ringdht.IVersion | null | undefined): Version {
    if (v === null || v === undefined) throw new Invalid(`${field} is missing`);
    const stamp = v.stamp ?? 0;
    if (!Number.isSafeInteger(stamp) || stamp < 0)
      throw new Invalid(`${field} stamp ${stamp} is not a whole number of milliseconds`);
    return { stamp, origin: this.id(`${field} origin`, v.origin ?? 0), op: v.op ?? 0 };
  }
  atMost(field: string, value: number, most: number, unit: string): number {
    if (value > most) throw new Invalid(`${field} of ${value} ${unit} is over the limit of ${most}`);
    return value;
  }
  /** Address hints: ids within the ring, IP literals or host names (resolved by the receiver when used), real ports. */
  addresses(list: readonly ringdht.IPeerAddress[]): PeerAddress[] {
    this.atMost('address list', list.length, MAX_ADDRESSES, 'entries');
    return list.map((a) => {
      const host = a.host ?? '';
      const port = a.port ?? 0;
      if (!isHostRemembered(host))
        throw new Invalid(`address host ${JSON.stringify(host.slice(0, 64))} is not an IP address or a host name`);
      if (port < 1 || port > 65_535) throw new Invalid(`address port ${port} is not a port number`);
      return { id: this.id('address id', a.id ?? 0), host, port };
    });
  }
  known<T>(field: string, value: number, known: Map<number, T>): T {
    const found = known.get(value);
    if (found === undefined) throw new Invalid(`${field} ${value} is not a known value`);
    return found;
  }
}

// A plain Uint8Array view (no copy) over the bytes protobufjs handed out, which may be a Buffer or a shared default.
function plainBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function headerFromWire(m: ringdht.TransferHeader, check: Check): TransferHeader {
  const purpose = check.known('transfer purpose', m.purpose, PURPOSE_FROM_WIRE);
  const origin = check.id('transfer origin', m.origin);
  const name = check.name('transfer name', m.name);
  const sizeBytes = check.atMost('transfer size', m.size, check.limits.maxFileBytes, 'bytes');
  const hops = check.hops('transfer hops', m.hops);
  const version =
    m.version === null || m.version === undefined ? undefined : check.version('transfer version', m.version);
  // Built field by field, not from spreads (every inline file's header). A copy by anti-entropy or hand-off serves no
  // command: op 0 on the wire (op ids start at 1).
  const header = (
    purpose === 'replica' && m.op === 0
      ? { purpose, origin, name, sizeBytes, hops }
      : { purpose, op: m.op, origin, name, sizeBytes, hops }
  ) as TransferHeader;
  if (version !== undefined) header.version = version;
  if (m.pending) header.pending = true;
  return header;
}

// Reads through the generated objects' prototypes, whose defaults fill what proto3 left out, into plain objects.
function fromWire(envelope: ringdht.Envelope, kind: string, check: Check): Body {
  const { limits } = check;
  switch (kind) {
    case 'pingRequest': {
      const m = envelope.pingRequest as ringdht.PingRequest;
      // Successor lists longer than two ping their tail too (rank 3 and up): only ranks 1 and 2 claim a predecessor.
      check.atMost('ping request rank', m.rank, MAX_SUCCESSORS, 'places');
      return {
        type: 'pingRequest',
        seq: m.seq,
        rank: m.rank,
        ...(m.predecessors.length === 0 ? {} : { predecessors: check.ids('ping request predecessor', m.predecessors) }),
      };
    }
    case 'pingResponse': {
      const m = envelope.pingResponse as ringdht.PingResponse;
      return {
        type: 'pingResponse',
        seq: m.seq,
        successors: check.ids('ping response successor', m.successors),
        predecessor: m.hasPredecessor ? check.id('ping response predecessor', m.predecessor) : null,
        ...(m.zone === '' ? {} : { zone: check.zone('ping response zone', m.zone) }),
        ...check.zones('ping response', m.zones, m.successors.length),
        ...(m.incarnation === 0 ? {} : { incarnation: m.incarnation }),
      };
    }
    case 'lookup': {
      const m = envelope.lookup as ringdht.Lookup;
      // Built up field by field, not from spreads of optional parts (each a copy of an object literal, slow in a cold
      // thread): every routed message is a lookup. The same fields in the same order.
      const lookup: Extract<Message, { type: 'lookup' }> = {
        type: 'lookup',
        kind: check.known('lookup kind', m.kind, KIND_FROM_WIRE),
        origin: check.id('lookup origin', m.origin),
        op: m.op,
        name: check.name('lookup name', m.name),
        key: check.id('lookup key', m.key),
        final: m.final,
        hops: check.hops('lookup hops', m.hops),
        attempt: check.atMost('lookup attempt', m.attempt, MAX_SUCCESSORS, 'replicas'),
      };
      if (m.attempt !== 0) lookup.responsible = check.id('lookup responsible peer', m.responsible);
      if (m.holders.length !== 0)
        lookup.holders = check.ids(
          'lookup holder',
          m.holders.slice(0, check.atMost('lookup holder list', m.holders.length, MAX_REPLICAS, 'peers')),
        );
      if (m.ack !== 0) lookup.ack = m.ack;
      if (m.holds !== null && m.holds !== undefined) lookup.holds = check.version('lookup holds', m.holds);
      if (m.detoured) lookup.detoured = true;
      if (m.retry !== 0) lookup.retry = check.atMost('lookup retry', m.retry, MAX_LOOKUP_RETRIES, 'retries');
      if (m.stale) lookup.stale = true;
      if (m.passedOver && (m.attempt > 0 || m.kind === KIND_TO_WIRE.store)) lookup.passedOver = true;
      if (m.also && m.kind === KIND_TO_WIRE.request) lookup.also = true;
      if (m.unsettled && m.attempt > 0 && m.kind === KIND_TO_WIRE.request) lookup.unsettled = true;
      return lookup;
    }
    case 'sameCopy': {
      const m = envelope.sameCopy as ringdht.SameCopy;
      return {
        type: 'sameCopy',
        op: m.op,
        name: check.name('same-copy name', m.name),
        hops: check.hops('same-copy hops', m.hops),
        version: check.version('same-copy version', m.version),
      };
    }
    case 'stored': {
      const m = envelope.stored as ringdht.Stored;
      check.atMost('stored error', m.error.length, MAX_ACK_ERROR_CHARS, 'characters');
      return {
        type: 'stored',
        op: m.op,
        name: check.name('stored name', m.name),
        hops: check.hops('stored hops', m.hops),
        copies: m.copies,
        error: m.error,
        ...(m.version === null || m.version === undefined
          ? {}
          : { version: check.version('stored version', m.version) }),
        ...(m.superseded ? { superseded: true } : {}),
        ...(m.unknown ? { unknown: true } : {}),
      };
    }
    case 'settle': {
      const m = envelope.settle as ringdht.Settle;
      const outcome = check.known('settle outcome', m.outcome, SETTLE_FROM_WIRE);
      return {
        type: 'settle',
        name: check.name('settle name', m.name),
        version: check.version('settle version', m.version),
        outcome,
        ...(m.done ? { done: true } : {}),
      };
    }
    case 'digest': {
      const m = envelope.digest as ringdht.Digest;
      return {
        type: 'digest',
        rangeLo: check.id('digest range start', m.rangeLo),
        lo: check.id('digest lo', m.lo),
        hi: check.id('digest hi', m.hi),
        entries: check.entries('digest', m.entries),
        handoff: m.handoff,
        ...(m.zoned ? { zoned: true } : {}),
      };
    }
    case 'digestReply': {
      const m = envelope.digestReply as ringdht.DigestReply;
      return { type: 'digestReply', want: check.names('digest reply', m.want) };
    }
    case 'holdQuery': {
      const m = envelope.holdQuery as ringdht.HoldQuery;
      if (m.versions.length !== m.names.length)
        throw new Invalid(`hold query has ${m.names.length} names but ${m.versions.length} versions`);
      return {
        type: 'holdQuery',
        origin: check.id('hold query origin', m.origin),
        ttl: check.atMost('hold query ttl', m.ttl, HOLD_QUERY_DEPTH, 'peers'),
        names: check.names('hold query', m.names),
        versions: m.versions.map((v) => check.version('hold query version', v)),
      };
    }
    case 'holdReply': {
      const m = envelope.holdReply as ringdht.HoldReply;
      return { type: 'holdReply', held: check.names('hold reply', m.held) };
    }
    case 'storeReady': {
      const m = envelope.storeReady as ringdht.StoreReady;
      return {
        type: 'storeReady',
        op: m.op,
        name: check.name('store-ready name', m.name),
        hops: check.hops('store-ready hops', m.hops),
      };
    }
    case 'notFound': {
      const m = envelope.notFound as ringdht.NotFound;
      check.atMost('not-found error', m.error.length, MAX_ACK_ERROR_CHARS, 'characters');
      return {
        type: 'notFound',
        op: m.op,
        name: check.name('not-found name', m.name),
        hops: check.hops('not-found hops', m.hops),
        ...(m.error === '' ? {} : { error: m.error }),
        ...(m.copiesAsked ? { copiesAsked: { origin: check.id('not-found origin', m.origin) } } : {}),
        ...(m.stuck ? { stuck: true as const } : {}),
        ...(m.retry === 0 ? {} : { retry: check.atMost('not-found retry', m.retry, MAX_LOOKUP_RETRIES, 'retries') }),
        ...(m.stale ? { stale: true as const } : {}),
        ...(m.hasResponsible
          ? {
              responsible: check.id('not-found responsible peer', m.responsible),
              asked: check.atMost('not-found holders asked', m.asked, MAX_SUCCESSORS, 'peers'),
              ...(m.passedOver ? { passedOver: true as const } : {}),
              ...(m.unsettled ? { unsettled: true as const } : {}),
            }
          : {}),
      };
    }
    case 'joinRequest': {
      const m = envelope.joinRequest as ringdht.JoinRequest;
      return {
        type: 'joinRequest',
        newcomer: check.id('join newcomer', m.newcomer),
        hops: check.hops('join hops', m.hops),
      };
    }
    case 'joinAccepted': {
      const m = envelope.joinAccepted as ringdht.JoinAccepted;
      return {
        type: 'joinAccepted',
        successors: check.ids('join-accepted successor', m.successors),
        ...check.zones('join-accepted', m.zones, m.successors.length),
      };
    }
    case 'joinRefused': {
      const m = envelope.joinRefused as ringdht.JoinRefused;
      check.atMost('join refusal reason', m.reason.length, MAX_ACK_ERROR_CHARS, 'characters');
      return { type: 'joinRefused', reason: m.reason };
    }
    case 'successorChange': {
      const m = envelope.successorChange as ringdht.SuccessorChange;
      return {
        type: 'successorChange',
        origin: check.id('successor-change origin', m.origin),
        successors: check.ids('successor-change successor', m.successors),
        ...check.zones('successor-change', m.zones, m.successors.length),
        hops: check.hops('successor-change hops', m.hops),
      };
    }
    case 'departure': {
      const m = envelope.departure as ringdht.Departure;
      return {
        type: 'departure',
        leaving: check.id('departing peer', m.leaving),
        successors: check.ids('departure successor', m.successors),
        ...check.zones('departure', m.zones, m.successors.length),
        hops: check.hops('departure hops', m.hops),
        rank: m.rank <= 2 ? m.rank : invalid(`departure rank ${m.rank} is not 0, 1 or 2`),
        ...(m.passOn ? { passOn: true } : {}),
      };
    }
    case 'departureAck': {
      const m = envelope.departureAck as ringdht.DepartureAck;
      return { type: 'departureAck', leaving: check.id('departure-ack peer', m.leaving), first: m.first };
    }
    case 'leaving': {
      const m = envelope.leaving as ringdht.Leaving;
      return { type: 'leaving', peer: check.id('leaving peer', m.peer) };
    }
    case 'successorList': {
      const m = envelope.successorList as ringdht.SuccessorList;
      return {
        type: 'successorList',
        successors: check.ids('successor-list successor', m.successors),
        ...check.zones('successor-list', m.zones, m.successors.length),
      };
    }
    case 'indirectProbe': {
      const m = envelope.indirectProbe as ringdht.IndirectProbe;
      return {
        type: 'indirectProbe',
        target: check.id('indirect probe target', m.target),
        requester: check.id('indirect probe requester', m.requester),
        seq: m.seq,
      };
    }
    case 'indirectAck': {
      const m = envelope.indirectAck as ringdht.IndirectAck;
      return {
        type: 'indirectAck',
        target: check.id('indirect ack target', m.target),
        requester: check.id('indirect ack requester', m.requester),
        seq: m.seq,
        incarnation: m.incarnation,
      };
    }
    case 'suspect': {
      const m = envelope.suspect as ringdht.Suspect;
      return { type: 'suspect', peer: check.id('suspect peer', m.peer), incarnation: m.incarnation };
    }
    case 'alive': {
      const m = envelope.alive as ringdht.Alive;
      return { type: 'alive', peer: check.id('alive peer', m.peer), incarnation: m.incarnation };
    }
    case 'findSuccessor': {
      const m = envelope.findSuccessor as ringdht.FindSuccessor;
      return {
        type: 'findSuccessor',
        origin: check.id('find-successor origin', m.origin),
        seq: m.seq,
        target: check.id('find-successor target', m.target),
        final: m.final,
        hops: check.hops('find-successor hops', m.hops),
        ...(m.ack === 0 ? {} : { ack: m.ack }),
        ...(m.behind.length === 0 ? {} : { behind: check.ids('find-successor predecessor', m.behind) }),
      };
    }
    case 'successorFound': {
      const m = envelope.successorFound as ringdht.SuccessorFound;
      return {
        type: 'successorFound',
        seq: m.seq,
        target: check.id('successor-found target', m.target),
        successor: check.id('successor-found successor', m.successor),
      };
    }
    case 'hopAck': {
      const m = envelope.hopAck as ringdht.HopAck;
      return { type: 'hopAck', ack: m.ack };
    }
    case 'transferHeader':
      return {
        type: 'transferHeader',
        header: headerFromWire(envelope.transferHeader as ringdht.TransferHeader, check),
      };
    case 'inlineFile': {
      const m = envelope.inlineFile as ringdht.InlineFile;
      if (m.header === null || m.header === undefined) throw new Invalid('inline file without a header');
      const header = headerFromWire(m.header as ringdht.TransferHeader, check);
      // Bigger files take a transfer connection, in chunks; the bytes must be exactly those announced.
      check.atMost('inline file', m.data.length, INLINE_MAX_BYTES, 'bytes');
      if (m.data.length !== header.sizeBytes)
        throw new Invalid(`inline file has ${m.data.length} bytes, not the announced ${header.sizeBytes}`);
      if (m.sha256.length !== SHA256_BYTES)
        throw new Invalid(`inline file digest is ${m.sha256.length} bytes, not the ${SHA256_BYTES} of a SHA-256`);
      return {
        type: 'inlineFile',
        transfer: m.transfer,
        header,
        data: plainBytes(m.data),
        sha256: plainBytes(m.sha256),
      };
    }
    case 'inlineAck': {
      const m = envelope.inlineAck as ringdht.InlineAck;
      check.atMost('inline acknowledgement error', m.error.length, MAX_ACK_ERROR_CHARS, 'characters');
      return { type: 'inlineAck', transfer: m.transfer, ok: m.ok, error: m.error };
    }
    case 'transferChunk': {
      const m = envelope.transferChunk as ringdht.TransferChunk;
      check.atMost('transfer chunk', m.data.length, limits.maxChunkBytes, 'bytes');
      return { type: 'transferChunk', data: plainBytes(m.data) };
    }
    case 'transferEnd': {
      const m = envelope.transferEnd as ringdht.TransferEnd;
      if (m.sha256.length !== SHA256_BYTES)
        throw new Invalid(`transfer digest is ${m.sha256.length} bytes, not the ${SHA256_BYTES} of a SHA-256`);
      return { type: 'transferEnd', sha256: plainBytes(m.sha256) };
    }
    case 'transferAck': {
      const m = envelope.transferAck as ringdht.TransferAck;
      check.atMost('transfer acknowledgement error', m.error.length, MAX_ACK_ERROR_CHARS, 'characters');
      return { type: 'transferAck', ok: m.ok, error: m.error };
    }
    default:
      throw new Invalid(`unknown message ${kind}`);
  }
}
