// Bugs the simulator found in the core, each pinned to the seed that found it (fixed ones stay as regression tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_INVARIANTS, UNLESS_SPLIT } from '../../src/sim/invariants.ts';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';
import { scenario } from '../../src/sim/families.ts';
import type { PeerId } from '../../src/core/ring.ts';
import type { OpRecord } from '../../src/sim/types.ts';

// Fixed: a peer that is not in a ring does not answer pings, so the peers that still list it declare it gone.
test('a peer that restarts before its death is noticed can rejoin the ring', () => {
  const s = runScenario({ ...scenario('restarts', 1), invariants: ALL_INVARIANTS });
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed: stabilisation from the first successor's ping response (its predecessor and its list) takes it back.
// The settle phase is loss-free (World.calm when the run's duration ends), so the final check is made at
// quiescence; `holder` is not checked, since a lookup under loss may rightly end on the wrong side of a false death.
// (Found at seed 8, whose run no longer loses the datagrams that matter since the runs' traffic changed; seed 1 did
// until pings named their predecessors (session 12), seed 2 until a final hop past silent holders went as sent past
// the key (session 13); seed 4 makes 11 false deaths now, so a change of traffic is less likely to take all away.)
// Indirect probes and refutation over TCP now keep the loss from declaring a live peer dead: the original's detection
// (k = 0) still makes false deaths here, so the path that takes such a peer back stays tested.
test('a live peer wrongly declared dead (datagrams lost) is taken back into the ring', () => {
  const s = runScenario({ ...scenario('lossy', 4), indirectProbes: 0, invariants: UNLESS_SPLIT });
  assert.deepEqual(s.violations, [], formatSummary(s));
  assert.ok(s.membership.wrongDeaths > 0, 'the loss made a peer declare a live one dead');
});

// Fixed: peers declared dead are probed for a while; one that answers was cut off, and the rings merge through it.
// Seeds 2, 29 and 98 each left a peer alone (it declared all others dead) with no
// predecessor pinging it any more, or two rings side by side, after the heal.
for (const seed of [2, 29, 98]) {
  test(`a ring split by a partition is one ring again after the heal (seed ${seed})`, () => {
    const s = runScenario({ ...scenario('partitions', seed), invariants: UNLESS_SPLIT });
    assert.deepEqual(s.violations, [], formatSummary(s));
    assert.ok(s.membership.wrongDeaths > 0, 'the partition made peers declare live ones dead');
  });
}

// Fixed: a peer that stood in for a responsible peer (cut off by a partition, restarting, or wrongly declared dead)
// kept the files it took meanwhile once that peer was back. Their keepers lie ahead of it, or anywhere after a
// scattered partition, while releasing only asked back along predecessors, and a keeper that lacked such a file
// never got it. Now the keepers are found by a lookup of the key, and one that lacks the file asks for it.
for (const [family, seed] of [
  ['partitions', 199],
  ['partitions', 258],
  ['restarts', 7],
  ['restarts', 21],
] as const) {
  test(`once quiet, exactly R copies at the holders after ${family} (seed ${seed})`, () => {
    const s = runScenario({ ...scenario(family, seed), invariants: UNLESS_SPLIT });
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}

// Not a core bug: crashes took every holder of an acknowledged file before a third copy landed, which `durable`
// allows. `copies` then asked for a file nobody can bring back; it now leaves out files lost as `durable` allows.
// (Found at crashes seed 1140; since versioned records changed the runs' timing, seed 1059 loses a file so.)
test('a file lost when its holders failed at once is not asked of the ring once quiet (crashes, seed 1059)', () => {
  const s = runScenario(scenario('crashes', 1059));
  assert.deepEqual(s.violations, [], formatSummary(s));
  assert.ok(s.invariants.includes('copies') && s.invariants.includes('durable'));
  assert.ok(s.filesLost > 0, 'the crashes took every copy of some file');
});

// Fixed (src/core/machine.ts): a request whose copy at a holder turned out lost (deleted or damaged under the running
// peer) went on to the replicas from the first again, so copies lost one after another stretched its walk past R - 1
// more hops. In a ring of 2 with 8215 deleted at one peer and damaged at the other, the request went round 5 hops.
test('a request goes on along the holders from where it was when copies turn out lost one after another (disk, seed 223)', () => {
  const s = runScenario(scenario('disk', 223));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed (DiskPort.copy, src/runtime/runtime.ts, src/actor/disk.ts): a peer requesting a file it holds got the bytes of
// its copy as they were, damaged or not (a copy to itself checked no checksum), and the request completed ok.
for (const seed of [13, 16, 29]) {
  test(`a peer requesting a file whose own copy is damaged does not get the damaged bytes (disk, seed ${seed})`, () => {
    const s = runScenario(scenario('disk', seed));
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}

// Not a core bug: both copies of 6118 were damaged before its store's acknowledgement arrived. The durable tracker
// forgot failures of copies not acknowledged yet, so it then called the loss unexcused; it keeps them now.
test('copies that fail before their store is acknowledged count as failed holders (disk, seed 90)', () => {
  const s = runScenario(scenario('disk', 90));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed by versioned records (issue 14): a peer restarted on a stale or foreign data directory (the swap family) kept
// the older bytes of a file stored again while it was down, and anti-entropy spread them (no versions): now every
// holder keeps the newest version it has seen, and digests compare versions.
for (const seed of [7, 87, 101, 111]) {
  test(`once quiet, every copy is at least as new as the last acknowledged store after a swapped data directory (swap, seed ${seed})`, () => {
    const s = runScenario(scenario('swap', seed));
    assert.ok(s.invariants.includes('newest'));
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}

// Fixed (src/core/membership.ts onJoinRequest): in a ring of 2 both peers crash and restart, one with `static`
// successors; the other's join was refused three times as "already in the ring" (its neighbour still listed it, within
// its start-up grace, though it never answered), and it stayed out. A listed successor that asks to join while it does
// not answer pings has restarted: its old place is given up and it joins. (Swap seeds 313 and 1483; hosts 1178 too.)
for (const [family, seed] of [
  ['swap', 313],
  ['swap', 1483],
  ['hosts', 1178],
] as const) {
  test(`a restarted peer that its silent neighbour still lists gets back into the ring (${family}, seed ${seed})`, () => {
    const s = runScenario(scenario(family, seed));
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}

// Fixed (session 14, src/core/membership.ts probeHeard): 11 declared 12, 13 and 15 gone (crashed), knew nobody past
// them, and was alone: 10, its predecessor, pinged it and became its successor, a loop {10, 11} that stabilisation undid
// one peer a ping round backwards round the whole ring (50 s), still open when the run ended (`ring`). A peer left alone
// by deaths probes the peers it heard of lately at once, and takes in those that answer.
test('a peer that declared its whole list gone takes the peers it heard of, not its predecessor (hosts, seed 9696)', () => {
  const s = runScenario(scenario('hosts', 9696));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed (src/core/machine.ts reroute): a request walking the key's holders whose next holder was declared gone
// meanwhile was routed again from the start, round the whole ring to the responsible peer that lacked the file (14 hops
// in a ring of 11). The walk now goes on to the next live holder.
test('a request walking the holders goes on past one that crashed, not round the ring again (disk, seed 156)', () => {
  const s = runScenario(scenario('disk', 156));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Not a ring that stays split, a ring slower to close than the settle window (hosts 1151 and 1457, restarts 22 and 54):
// after adjacent peers crash together (a whole host, or both successors a joiner was handed), a list skips several
// live peers, and stabilisation walks it back one peer per two ping rounds, copies moving after it. The settle phase
// now gives a ring still closing up to 10 more ping intervals (REPAIR_INTERVALS in src/sim/scenario.ts; these two hosts
// seeds need 2.1 and 8.0 of them, the restarts seeds none now); they close within it.
for (const [family, seed] of [
  ['hosts', 1151],
  ['hosts', 1457],
  ['restarts', 22],
  ['restarts', 54],
] as const) {
  test(`a ring whose lists skipped live peers after adjacent crashes closes again (${family}, seed ${seed})`, () => {
    const s = runScenario(scenario(family, seed));
    assert.ok(s.invariants.includes('ring'));
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}

// Fixed (src/core/membership.ts probeBack): 6, 8 and 9 crashed together and rejoined through 23 (a ring of two with
// 19); a cut then parted {6, 8, 9} from {19, 23}, and each side declared the other's peers it listed dead. After the
// heal 23 and 6, 23 and 9 probed each other at once: each probe cleared the mark the other side's answer needed, so
// neither took the other in; 19, which had taken 6 in, followed 23's report back to a ring of two. Two rings to the
// end with nobody probing (`ring`). A probe from a peer this one probes is answered and probed back, the mark kept.
test('two rings whose peers probe each other at once after a partition become one (hosts, seed 471)', () => {
  const s = runScenario(scenario('hosts', 471));
  assert.ok(s.invariants.includes('ring'));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed: in a ring of three busy peers (each handling nothing for a while), hop timeouts sent a request around a slow
// peer while the slow copy went on; each copy reached a peer that took itself for responsible (the slow one passed
// over) as a final hop, and each walked the replicas again: 11 lookup messages where 10 is the bound (`forks`). A peer
// serves (or walks from) one copy of a lookup only. Found at seeds 1225 and 1346, outside npm test's range, also on main;
// 1103 (15 messages in a ring of five) once this session's retries changed its run.
for (const seed of [1225, 1346, 1103]) {
  test(`a request arriving twice as final is served once (stalls, seed ${seed})`, () => {
    const s = runScenario(scenario('stalls', seed));
    assert.ok(s.invariants.includes('forks'));
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}

// Fixed: seed 1407 (three peers, each stalled in turn for up to 5.7 s) still took 11 lookup messages: the holders' walk
// came back round to the responsible peer (the requester, without a copy) when the others were passed over, and walked
// again. A walk never returns to the responsible peer.
test('a request in a ring of three peers stalled in turn does not fork (stalls, seed 1407)', () => {
  const s = runScenario(scenario('stalls', 1407));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed on heal16 before it was merged (session 15): the requester's last retry, passed back towards its key, went a
// second way too (alsoBackTo), and again at each refused hop: with a whole host down (hosts 5280) every way was refused
// and each refusal forked, 23 lookup messages in a ring of 8 (the bound 22). The second way goes only as it arrives.
test('a last retry passed back two ways does not fork again at each refused hop (hosts, seed 5280)', () => {
  const s = runScenario(scenario('hosts', 5280));
  assert.ok(s.invariants.includes('forks'));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed (session 10): in rings of three and six peers stalled in turn for up to 5 s, copies of a lookup that waited in
// stalled peers arrived after its deadline, when the peers that had passed it on had forgotten it (they remembered a
// lookup for one deadline): they passed it on again (11 of 10 and 17 of 16 lookup messages). A lookup is remembered
// for three deadlines.
for (const seed of [1100, 1357]) {
  test(`copies of a lookup delivered after its deadline by stalled peers are not passed on again (stalls, seed ${seed})`, () => {
    const s = runScenario(scenario('stalls', seed));
    assert.ok(s.invariants.includes('forks'));
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}

// Fixed in the checker: on a ring of one member, a newer store's pending copy (discarded later) made the file "whole"
// for `durable`, wiping the failures of the acknowledged copies' holders (one damaged, one crashed), whose loss was
// then reported as a bug. A pending copy counts as a copy, but does not make a file whole again. (disk 90, once the
// walk above changed its run.)
test('a discarded pending copy does not hide the failures that lost a file (disk, seed 90)', () => {
  const s = runScenario(scenario('disk', 90));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed in the checker (src/sim/world.ts, holdersOf): every copy of a file was damaged (one corrupt, one truncated, the
// third peer's disk read-only) when a request for it was given, and its NOT_FOUND was right; a store after its walk
// wrote peer 1's copy whole again before its deadline, and the count took peer 1 for a holder at both ends: a
// reachable failure. A copy damaged or deleted under its peer is no copy, though its machine holds it until it reads it.
test('a request given while every copy was damaged is not a failure with a reachable holder (disk, seed 1388)', () => {
  const s = runScenario(scenario('disk', 1388));
  assert.deepEqual(s.violations, [], formatSummary(s));
  assert.ok(s.lookups.notFound > 0, formatSummary(s));
  assert.equal(s.failedWithHolder.reachable, 0, formatSummary(s));
});

// Fixed (session 18, the scrub): 7524's three holders had their copies damaged one by one (truncated at 580 at 2.35 s,
// deleted at 404 at 7.40 s, corrupted at 562 at 8.98 s), and nobody read them until a request at 13.8 s: a digest
// carries the sha256 recorded at write time, so anti-entropy never saw a copy damaged under its peer (`durable`). Each
// peer now re-reads its held copies in turn (src/core/scrub.ts) and forgets one found damaged or missing, which
// anti-entropy then copies back from another holder.
test('copies damaged under their peers one by one are found and repaired before the last goes (disk, seed 12501)', () => {
  const s = runScenario(scenario('disk', 12501));
  assert.ok(s.invariants.includes('durable'));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed (session 12): a request stuck before its key (the peer's successors silent, cut off) was sent past the key to
// the only peers its peer knew there, its own predecessors, and walked back over the route it had come along, one known
// peer at a time: hop 28 in a ring of 25 (partitions 4004), hop 30 in a ring of 27 (writers 5199, after its detour's
// hop failed too), hop 24 in a ring of 21 (hosts 8199, a fresh seed). It goes past its key only to a peer nearer the
// key than its requester, which is told otherwise.
for (const [family, seed] of [
  ['partitions', 4004],
  ['writers', 5199],
  ['hosts', 8199],
] as const) {
  test(`a request stuck before its key is not walked back over its route (${family}, seed ${seed})`, () => {
    const s = runScenario(scenario(family, seed));
    assert.ok(s.invariants.includes('hopBound'));
    assert.deepEqual(s.violations, [], formatSummary(s));
  });
}

// Fixed (session 12): a store's responsible peer (20) acknowledged it with two durable copies, its own and 40's, and
// crashed before it heard that its copy to 30 had landed: 30 never heard how the store was settled, and kept its copy
// pending (never served). When 40 crashed too, 300 ms later, the file was lost with two of its three holders (`copies`;
// `durable` counts a pending copy). The copies still on their way hear how the store was settled too. The crash falls
// in that window (about 1005.4-1005.8 ms here) at some of these times, whatever the runs' timing becomes.
test('a copy that lands after its store was settled and its responsible peer crashed is settled too', () => {
  let acknowledged = 0;
  for (let offsetMs = 4; offsetMs <= 8; offsetMs += 0.25) {
    const s = runScenario({
      seed: 1,
      peers: [10, 20, 30, 40, 50, 60, 70, 80],
      durationMs: 6000,
      replicas: 3,
      ops: [
        { atMs: 1000, kind: 'store', peer: 60, name: '0015' }, // key 15: held by 20, 30 and 40
        { atMs: 5000, kind: 'request', peer: 60, name: '0015' },
      ],
      crashes: [
        { atMs: 1000 + offsetMs, peer: 20 },
        { atMs: 1300 + offsetMs, peer: 40 },
      ],
    });
    assert.deepEqual(s.violations, [], `crash at ${1000 + offsetMs} ms: ${formatSummary(s)}`);
    assert.equal(s.filesLost, 0, formatSummary(s));
    if (s.lookups.ok === 2) acknowledged++;
  }
  assert.ok(acknowledged > 0, 'in some runs the store was acknowledged before 20 crashed, and its file served');
});

// Fixed (session 13, the checker): a walk that finds no copy at the R holders asks the last one's successor while it is
// new to that list (session 12, mayHoldLateCopies), and a copy it took while the ring was changing is served from there.
// `holder` counted only the R holders as right for a request (membership 9151: three joins in front of a ring of two;
// 9283): it counts that one more now, as hopBound and forks do.
for (const seed of [9151, 9283])
  test(`a request served by the successor a walk asks past the holders is served by a holder (membership, seed ${seed})`, () => {
    const s = runScenario(scenario('membership', seed));
    assert.ok(s.invariants.includes('holder'));
    assert.deepEqual(s.violations, [], formatSummary(s));
  });

/** The seed's run breaks no invariant and fails no request while a holder of its file was within reach. */
function noRequestFailedWithReachableHolder(family: Parameters<typeof scenario>[0], seed: number): void {
  const s = runScenario(scenario(family, seed));
  assert.deepEqual(s.violations, [], formatSummary(s));
  assert.equal(s.failedWithHolder.reachable, 0, s.failedWithHolder.notes.join('\n'));
}

// Fixed (session 16): 26 suspected 2, just joined, and handed the newcomer 27 the list [3, 6]; 2, never pinged by 27,
// knew no first predecessor and sent its own store of 6943 (key 31, its own) round the ring, and 27 sent it to 3 as
// final. 3, whose first predecessor was 2, took it: acknowledged at a peer that was not the key's (`holder`). A final
// store whose receiver's predecessor owns the key goes back to it now along successors too, the origin included
// (storeBehind). The run changes earlier: 16's store of 3167 (key 31), sent to 3 as final by 26 just after 2 joined,
// taken by 3 on main, goes back to 2 now.
/** A membership run, its `holder` invariant checked, and the peer that acknowledged `origin`'s store of `name`. */
function storeHolder(seed: number, name: string, origin: PeerId): PeerId | undefined {
  let holder: PeerId | undefined;
  const s = runScenario({
    ...scenario('membership', seed),
    inspect: (world) => {
      const record = [...world.ops.values()].find((r) => r.kind === 'store' && r.name === name && r.origin === origin);
      holder = record?.result?.holder;
    },
  });
  assert.ok(s.invariants.includes('holder'));
  assert.deepEqual(s.violations, [], formatSummary(s));
  return holder;
}

test('a store sent past its key’s peer by a stale list goes back to that peer (membership, seed 11444)', () => {
  assert.equal(storeHolder(11444, '3167', 16), 2, 'the store of 3167 is acknowledged by 2, the key’s peer');
});

// Fixed (session 16): 327 joined before 352 at 0.25 s and pinged it at once; 96, its list still without 327, sent a store
// of key 305 straight to 352 at 0.51 s, and 352 (predecessors [327, null]: the peer before 327 had not pinged it yet)
// took it: acknowledged at a peer that was not the key's (`holder`, on main too). A final store for a key before the
// receiver's only known predecessor goes back to it (newPredecessorBefore).
// Session 24: departures and successor changes walk on fingers, and the run goes another way (no store of 9521 from
// 96). The seed stays checked; the rule is test/core/straight-hop.test.ts's "...heard only from it... (membership 11555)".
test('a store sent past a peer that just joined goes back to it (membership, seed 11555)', () => {
  const s = runScenario(scenario('membership', 11555));
  assert.ok(s.invariants.includes('holder'));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed (session 17): an acknowledged store was lost with a durable copy left pending. 6, the store's responsible peer
// and origin, committed 0862 with its own copy and 7's pending one; its settle to 7 was refused (7 had just crashed). 7
// came back with its disk, the copy still pending; 6 crashed and came back with an empty disk. Nobody left knew the store
// was committed, so 7 never committed its copy: `copies`. A pending copy no peer settles within the op timeout is now
// kept (presumed commit), and a store is reported failed only once every copy that could be kept was discarded.
// Session 19 (reach21): a request's copy to the next holder known (Lookup.also) changes the run's traffic, and the run
// goes another way: 7 is no longer left holding a pending copy of 0862 (no settle of it at all). The seed stays checked; the rule is
// replication's core test (test/core/replication.test.ts, "presumed committed (restarts 10582)").
test('an acknowledged store whose only durable copy left is pending, its responsible peer wiped (restarts, seed 10582)', () => {
  const s = runScenario(scenario('restarts', 10582));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed (session 17, settle19): 53, origin and responsible peer of a store of 5127 in a ring of two, sent its copy to
// 95; the copy landed just before a cut, but its transfer timed out at 53, which counted it as never landed, reported
// STORE_FAILED at once, and 95 presumed the copy committed 5 s later: `acknowledged` (a failed store's bytes became the
// file). A sender's timeout does not say the bytes did not land: a discard is confirmed only by the replica itself, and
// with only silent replicas left unconfirmed the store's outcome is unknown (TIMEOUT), which it is.
test('a failed store whose copy may have landed at a replica cut off is reported unknown (partitions, seed 12806)', () => {
  let store: OpRecord | undefined;
  const s = runScenario({
    ...scenario('partitions', 12806),
    inspect: (world) => {
      store = [...world.ops.values()].find((op) => op.kind === 'store' && op.name === '5127');
    },
  });
  assert.deepEqual(s.violations, [], formatSummary(s));
  assert.ok(store?.result !== undefined && !store.result.ok, JSON.stringify(store?.result));
  assert.equal(store.result.code, 'TIMEOUT', store.result.error);
  assert.match(store.result.error, /outcome unknown: .*not confirmed by Peer 95 \(silent: Peer 95\)/);
});

// Fixed (session 19, disk21): a peer dropped a copy it no longer needed while its disk was read-only; the delete
// failed (`Could not delete File`), but the machine had already forgotten the copy, so the file stayed on disk unknown
// to it (`disk`; found at disk 13049, whose run no longer drops a copy on that disk since the scrub moved it). Here
// disk seed 3's one planned fault is a read-only window at 49 over its drops of 9949 and 4571 at 23.8 s (fails on main).
// A copy is now forgotten only once the disk says it is deleted, and dropped again at a later sync.
test('a copy dropped while its disk is read-only stays known, and is dropped once the disk can delete (disk, seed 3)', () => {
  let drops: string[] = [];
  const s = runScenario({
    ...scenario('disk', 3),
    diskFaults: [{ atMs: 23_000, fault: 'readonly', forMs: 3_000, peer: 49 }],
    traceWindow: 1_000_000,
    inspect: (world) => {
      drops = world.trace.recent().filter((line) => /@49 dropped 9949/.test(line));
    },
  });
  assert.ok(s.invariants.includes('disk'));
  assert.deepEqual(s.violations, [], formatSummary(s));
  assert.match(drops[0] ?? '', /dropped 9949 error: EROFS/, 'the read-only disk refused the drop');
  assert.match(drops.at(-1) ?? '', /dropped 9949 removed$/, 'dropped later');
});

// Fixed (session 29, src/core/machine.ts mayHold): 2 restarted and asked for 2408 (key 8, never stored). Its walk of
// the holders answered from 11 that it found no copy, held back (it passed over 9, just back); its last retry went at
// once to the peers 2 knew nearest past the key, 11 and then 30, 0 and 29 (its own predecessors, far round a ring of
// 30), each of which walked back towards the key a peer at a time with second copies: 67 lookup messages, past
// `forks`' bound of 66. The last retry now goes to no peer past the last holder a walk asked.
test("a request's last retry goes to no peer past the holders its walk asked (restarts, seed 1358)", () => {
  const s = runScenario(scenario('restarts', 1358));
  assert.ok(s.invariants.includes('forks'));
  assert.deepEqual(s.violations, [], formatSummary(s));
});

// Fixed (session 30, src/core/router.ts known): 585 asked for 6396 (key 252; holders 275 and 308) while cut off with
// them; just after the heal the other side's peers, not merged yet, took 438 for the key's peer, and its walk (438, 507,
// 554) found no copy. On fingers 585 knew of 275 and 308 only as peers that had pinged it (not fingers, successors or
// predecessors), so its retries repeated the same walk and it failed NOT_FOUND. Peers heard from within a ping interval
// now count as known: the requester asks 275 before it believes the walk (test/core/heard-holder.test.ts).
test('a requester asks a holder it heard from lately before it believes a walk begun past it (partitions, seed 1410)', () => {
  noRequestFailedWithReachableHolder('partitions', 1410);
});

// Fixed (session 30, src/core/machine.ts stuckAt): 9 asked for 1308 (held by 29, 30 and 31, on its side of a cut) 0.9 s
// into the cut, its successors all across it. Its three tries went in the first 1.5 s of its 7.75 s deadline: the first
// try's report that it got stuck spent the last retry while the first retry was still on its way, and that last retry
// ran into the same cut; the cut healed 4.3 s before the deadline and nothing was sent again (NO_ROUTE). An earlier
// try's report no longer spends a retry (test/core/earlier-stuck-report.test.ts). The fix changed the run, which no
// longer reaches that request: the seed keeps only the count, the core test guards the shape.
test('a request whose tries ran into a cut fails with no reachable holder (partitions, seed 3283)', () => {
  noRequestFailedWithReachableHolder('partitions', 3283);
});

// Fixed (session 30, src/core/machine.ts onNotFound): 693 asked for 8076 (key 908; 33 and 124 held it) after a heal.
// Its first retry's walk (997, 1004, 17) found no copy and passed over a peer 693 avoided: held back. 984, nearer the key,
// had just sent 693 its report that the first try got stuck, so it counted as known (heard from lately), and the last
// retry went at once to 984 alone, which had no copy yet: its answer was final (NOT_FOUND). A held-back answer's last
// retry now waits for the lost timer and goes to every holder known then (test/core/heard-holder.test.ts).
test('a held-back answer does not spend the last retry at once on one peer heard from nearer the key (partitions, seed 908)', () => {
  noRequestFailedWithReachableHolder('partitions', 908);
});

// Fixed (session 30, src/core/machine.ts onNotFound): 51 asked for 9989 (key 5; 30 and 32 held it). The walk from 5 to 38
// found no copy, and 51 knew 10, 30 and 32 between its ends: both retries went to 10 within 9 ms, each walking 10, 5,
// 10, 38 again, and the request failed NOT_FOUND. The last retry no longer goes to the one peer the first went to: it
// goes to every holder known (test/core/retry-between.test.ts).
test('the last retry does not repeat the first retry to the same peer (partitions, seed 915)', () => {
  noRequestFailedWithReachableHolder('partitions', 915);
});

// Fixed (session 31, src/core/replication.ts maxLookupHops): 31 peers of 32 ids on successors; 19 asked for key 18 (its
// own) before 17 had pinged it (datagrams lost), so it sent the lookup on to 20, and it came back to 19 round the ring
// on hop 31; 19's walk of the holders sent it to 20 on hop 32 and to 21 on hop 33, which the decoder refused ("more
// than the ring's 32 ids": `wire`). A lookup may take the ring's ids and then its walk past the key's peer.
test('a lookup that comes back round the ring to its origin, the key’s peer, walks the holders over the wire (datagramLoss, seed 2462)', () => {
  const s = runScenario(scenario('datagramLoss', 2462));
  assert.ok(s.invariants.includes('wire'));
  assert.deepEqual(s.violations, [], formatSummary(s));
  assert.ok(s.hops.max > 32, `a lookup took more hops than the ring has ids (max ${s.hops.max})`);
});

// Fixed (session 31, src/core/membership.ts onJoinAccepted): 22 crashed and rejoined through 12 with an empty disk;
// 29, a holder of 1615 (key 15, 22's), asked 22 for the newest version before 12's first ping reached it. 22, with no
// first predecessor, sent the request on along its successors; it came back round the ring (28 sent it back to 22 as
// final) and the walk of the holders went on hop 11 in a ring of 7 (`hopBound`: 10). A newcomer takes the peer that
// placed it for its first predecessor (test/core/newcomer-predecessor.test.ts).
test('a request sent back to a peer that has just rejoined, as the key’s peer, does not go round the ring (disk, seed 2887)', () => {
  const s = runScenario(scenario('disk', 2887));
  assert.ok(s.invariants.includes('hopBound'));
  assert.deepEqual(s.violations, [], formatSummary(s));
});
