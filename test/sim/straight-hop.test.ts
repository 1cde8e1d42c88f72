// Seeds found by the sweeps of branch hops16 (the last hop straight to the key's peer, on fingers), pinned once fixed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenario } from '../../src/sim/families.ts';
import { formatSummary, runScenario } from '../../src/sim/scenario.ts';

// 245 sent store 0621 (key 621) straight to 648, which had crashed with its host, then to 747 as the key's peer. 747's
// predecessors read [468, 591] (out of order while 648's death was being repaired), so it took 468 for the key's peer
// and passed the store back there, past the key: held at 468, not 747 (`holder`). A store goes back only towards its
// key now (PeerMachine.storeBehind).
test('a store is passed back only to a predecessor between its key and this peer (zones, seed 10055)', () => {
  const s = runScenario(scenario('zones', 10055));
  assert.deepEqual(s.violations, [], formatSummary(s));
});
