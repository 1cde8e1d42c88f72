// Issue 19's "lookups that fail while a live holder exists: 0": seeds where a request failed although a holder its
// origin could reach all along had the file (src/sim/reach.ts), each fixed in src/core and pinned here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scenario, type Family } from '../../src/sim/families.ts';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';

const PINNED: ReadonlyArray<[Family, number, string]> = [
  // Three joins in front of a file's holders: the newcomers, not knowing their whole holding range yet, did not take
  // the file the old holders offered, so the walk of the three newest holders found nothing (NOT_FOUND).
  ['membership', 86, 'a newcomer keeps its own range at once'],
  // The lookup stopped at a peer whose successors were all down: the requester, which kept its own copy, heard
  // nothing and timed out. It is told now, and serves its copy.
  ['zones', 27, 'a stuck lookup is reported to the requester'],
  // A whole host's peers (9, 11, 54, 56) crashed together: peer 7's two successors were both silent, so requests
  // crossing it failed NO_ROUTE. They detour through a peer heard of past them (a successor's successor).
  ['hosts', 5, 'a lookup detours past silent successors'],
  // The key's own peer was silent too: the request goes past the key to the next holder known.
  ['restarts', 23, "a request detours past its key's silent peer"],
  // 23-hop routes along successors on WAN links (about 90 ms a hop) outlived a 2.1 s deadline: the family's deadline
  // now allows the longest route its ring can take (src/sim/families.ts, longestRouteMs).
  ['crashes', 73, 'the deadline allows the longest route along successors'],
  ['membership', 22, 'the deadline allows the longest route along successors'],
];

describe('sim: requests with a reachable holder never fail', () => {
  for (const [family, seed, why] of PINNED)
    test(`${family} seed ${seed}: ${why}`, () => {
      const summary = runScenario(scenario(family, seed));
      assert.deepEqual(summary.violations, [], formatSummary(summary));
      assert.equal(summary.failedWithHolder.reachable, 0, formatSummary(summary));
    });
});
