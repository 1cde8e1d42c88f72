// What must hold in every run: checks made after each step (cheap) and once the ring is quiet (whole-ring).
import type { CommandKind, OpResult } from '../core/io.ts';
import { firstAtOrAfter, successorsInRing, type PeerId } from '../core/ring.ts';
import type { Content, OpRecord, SimMachine } from './types.ts';

export const INVARIANTS = {
  ring: 'once quiet, the successor lists of the members are the next members in id order: one ring, no live member skipped',
  successorLive: 'once quiet, every member\'s successor list holds a live member',
  holder: 'every lookup that completed ok named a peer that was responsible for its key among the members at some moment while it was under way',
  bytes: 'every ok store was written at its holder, and every ok request returned bytes that a store wrote at the holder',
  completion: 'every command completes exactly once, at its origin; once quiet, none is pending',
  disk: 'a peer holds a file (to the machine) exactly when the file is on its disk',
  copies: 'once quiet, every file a store acknowledged is on the disks of exactly its R holders among the members (the responsible peer and the next R-1), with the same bytes',
  hopBound: 'no lookup travels more hops than there are peers, plus the R-1 replicas a request may try (it would be going round the ring)',
} as const;

export type InvariantName = keyof typeof INVARIANTS;

export const ALL_INVARIANTS: readonly InvariantName[] = Object.keys(INVARIANTS) as InvariantName[];

/** What holds whatever the network does: no ring-shape or placement checks. */
export const SAFETY: readonly InvariantName[] = ['bytes', 'completion', 'disk', 'hopBound'];

/**
 * What holds where live peers can be wrongly declared dead (lost datagrams, partitions), once the network is calm
 * again and the ring had time to settle: everything but `holder`, since a lookup that completes while the ring is
 * split or wrongly repaired names the peer responsible on its side, as it must (the ring then heals).
 */
export const UNLESS_SPLIT: readonly InvariantName[] = ALL_INVARIANTS.filter((name) => name !== 'holder');

export type Finding = { invariant: InvariantName; message: string } | undefined;

/** What the checks may read of the world. */
export interface WorldView {
  /** Every peer id the ring was built with (a lookup never needs more hops than this many). */
  readonly peerCount: number;
  readonly successorCount: number;
  /** Copies of every file (R). */
  readonly replicas: number;
  /** The ring's members (alive, joined, not departed), sorted. */
  memberIds(): readonly PeerId[];
  /** The member responsible for a key now. */
  responsible(key: number): PeerId;
  machineOf(id: PeerId): SimMachine | undefined;
  diskOf(id: PeerId): ReadonlyMap<string, Content>;
  readonly ops: ReadonlyMap<number, OpRecord>;
  /** Whether a store ever wrote `token` under `name` at `peer`. */
  wasWritten(name: string, peer: PeerId, token: number): boolean;
}

/** The same answer as core responsibleFor(key, ids), by binary search on ids already sorted. */
export function responsibleIn(sorted: readonly PeerId[], key: number): PeerId {
  return firstAtOrAfter(sorted, key);
}

/** At each `complete` effect. `record` is the world's record before this completion is entered in it. */
export function checkCompletion(
  view: WorldView,
  on: ReadonlySet<InvariantName>,
  record: OpRecord | undefined,
  at: { peer: PeerId; incarnation: number; op: number; kind: CommandKind; name: string; result: OpResult },
): Finding {
  const what = `${at.kind} ${at.name} (op ${at.op})`;
  if (on.has('completion')) {
    if (record === undefined) return { invariant: 'completion', message: `peer ${at.peer} completed op ${at.op}, which nobody gave it` };
    if (record.origin !== at.peer || record.incarnation !== at.incarnation) {
      return { invariant: 'completion', message: `${what} was given to peer ${record.origin} (incarnation ${record.incarnation}) but completed at peer ${at.peer} (incarnation ${at.incarnation})` };
    }
    if (record.kind !== at.kind || record.name !== at.name) return { invariant: 'completion', message: `op ${at.op} was ${record.kind} ${record.name} but completed as ${what}` };
    if (record.result !== undefined) return { invariant: 'completion', message: `${what} at peer ${at.peer} completed twice` };
  }
  if (record === undefined || !at.result.ok || (at.kind !== 'store' && at.kind !== 'request')) return undefined;
  const holder = at.result.holder;
  if (on.has('holder') && !record.holders.has(holder) && holder !== view.responsible(record.key)) {
    return { invariant: 'holder', message: `${what} from peer ${at.peer} completed ok at holder ${holder}, but key ${record.key} belonged to peer(s) ${[...record.holders].join(', ')} while it was under way` };
  }
  if (on.has('bytes')) {
    const token = at.kind === 'store' ? record.content?.token : record.received?.token;
    if (token === undefined) return { invariant: 'bytes', message: `${what} completed ok at peer ${at.peer} but no bytes ${at.kind === 'store' ? 'were sent' : 'arrived'}` };
    if (!view.wasWritten(record.name, holder, token)) {
      return { invariant: 'bytes', message: `${what} completed ok with holder ${holder}, but no store wrote those bytes (token ${token.toString(16)}) there` };
    }
  }
  return undefined;
}

/** When a store transfer ended at its receiver: the machine and the disk agree. */
export function checkWrite(view: WorldView, on: ReadonlySet<InvariantName>, peer: PeerId, name: string): Finding {
  if (!on.has('disk')) return undefined;
  const machine = view.machineOf(peer);
  const onDisk = view.diskOf(peer).has(name);
  if (machine !== undefined && machine.holds(name) !== onDisk) {
    return { invariant: 'disk', message: `peer ${peer} ${onDisk ? 'has' : 'lacks'} ${name} on disk but its machine says it ${onDisk ? 'does not hold' : 'holds'} it` };
  }
  return undefined;
}

/** At each lookup sent. */
export function checkHops(view: WorldView, on: ReadonlySet<InvariantName>, from: PeerId, hops: number, what: string): Finding {
  if (!on.has('hopBound') || hops <= view.peerCount + view.replicas - 1) return undefined;
  return { invariant: 'hopBound', message: `peer ${from} forwarded ${what} on hop ${hops}, in a ring of ${view.peerCount} peers with ${view.replicas} copies of each file` };
}

/** Whole-ring checks for a quiet moment: no command under way, no disturbance in force. */
export function checkQuiet(view: WorldView, on: ReadonlySet<InvariantName>): Finding {
  const members = view.memberIds();
  if (on.has('completion')) {
    for (const record of view.ops.values()) {
      if (record.result === undefined && !record.orphaned) {
        return { invariant: 'completion', message: `${record.kind} ${record.name} (op ${record.op}) given to peer ${record.origin} at ${record.issuedAt.toFixed(3)} ms never completed` };
      }
    }
    for (const id of members) {
      const pending = view.machineOf(id)!.status().pendingOps;
      if (pending !== 0) return { invariant: 'completion', message: `peer ${id} still has ${pending} op(s) pending once quiet` };
    }
  }
  const expected = on.has('ring') ? successorsInRing(members, view.successorCount) : undefined;
  const memberSet = new Set(members);
  for (const id of members) {
    const status = view.machineOf(id)!.status();
    const want = expected?.get(id);
    if (want !== undefined && status.successors.join() !== want.join()) {
      return { invariant: 'ring', message: `peer ${id} has successors [${status.successors.join(', ')}], but the next members are [${want.join(', ')}]` };
    }
    if (on.has('successorLive') && members.length > 1 && !status.successors.some((s) => s !== id && memberSet.has(s))) {
      return { invariant: 'successorLive', message: `peer ${id} has no live member among its successors [${status.successors.join(', ')}]` };
    }
    if (on.has('disk')) {
      const disk = [...view.diskOf(id).keys()].sort();
      if (status.held.join() !== disk.join()) return { invariant: 'disk', message: `peer ${id} holds [${status.held.join(', ')}] but its disk has [${disk.join(', ')}]` };
    }
  }
  return on.has('copies') ? checkCopies(view, members) : undefined;
}

/** Exactly R copies of every acknowledged file, at the right members, all with the same bytes. */
function checkCopies(view: WorldView, members: readonly PeerId[]): Finding {
  if (members.length === 0) return undefined;
  const keys = new Map<string, number>();
  for (const record of view.ops.values()) if (record.kind === 'store' && record.result?.ok === true) keys.set(record.name, record.key);
  for (const [name, key] of keys) {
    const first = members.indexOf(view.responsible(key));
    const want = Array.from({ length: Math.min(view.replicas, members.length) }, (_, i) => members[(first + i) % members.length]!).sort((a, b) => a - b);
    const have = members.filter((id) => view.diskOf(id).has(name));
    if (have.join() !== want.join()) return { invariant: 'copies', message: `${name} (key ${key}) is held by [${have.join(', ')}], not by its holders [${want.join(', ')}]` };
    const tokens = new Set(have.map((id) => view.diskOf(id).get(name)!.token));
    if (tokens.size > 1) return { invariant: 'copies', message: `the copies of ${name} at [${have.join(', ')}] differ` };
  }
  return undefined;
}
