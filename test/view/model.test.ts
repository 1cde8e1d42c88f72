// The live view page's picture of the ring, driven by the items its server sends, on a clock the test sets: hops drawn
// one after another in route order, then the file; a killed peer dead while listed, then gone once the ring closes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lines } from '../../src/core/lines.ts';
import { FADE_MS, HOP_MS, RingModel, TRANSFER_MS } from '../../src/view/page/model.ts';
import type { ViewPeer, ViewSnapshot } from '../../src/view/protocol.ts';

const peer = (id: number, successors: number[]): ViewPeer => ({
  id,
  successors,
  predecessors: [null, null],
  files: [],
});

function ringOf(now: { ms: number }): RingModel {
  const model = new RingModel(() => now.ms);
  const snapshot: ViewSnapshot = {
    type: 'snapshot',
    idBits: 8,
    routing: 'successor',
    pingIntervalMs: 1000,
    maxFileBytes: 1024,
    peers: [peer(2, [4, 8]), peer(4, [8, 2]), peer(8, [2, 4])],
  };
  model.apply(snapshot);
  return model;
}

test("a store's hops are drawn one after another in route order, then its file from the origin", () => {
  const now = { ms: 1_000 };
  const model = ringOf(now);
  // Lines of one store arrive within a millisecond of each other.
  model.apply({ type: 'line', peer: 2, t: 0, line: lines.storeForwarded('0007', 7, 4) });
  model.apply({ type: 'line', peer: 4, t: 0, line: lines.storeForwarded('0007', 7, 8) });
  model.apply({ type: 'line', peer: 8, t: 0, line: lines.storeAccepted('0007', 7, 2) });
  assert.deepEqual(
    model.flights.map((f) => [f.kind, f.from, f.to, f.startsAt - 1_000, f.endsAt - 1_000]),
    [
      ['store', 2, 4, 0, HOP_MS],
      ['store', 4, 8, HOP_MS, 2 * HOP_MS],
      ['transfer', 2, 8, 2 * HOP_MS, 2 * HOP_MS + TRANSFER_MS],
    ],
  );
  // Another file's route is drawn at the same time as this one, not after it.
  model.apply({ type: 'line', peer: 4, t: 0, line: lines.requestSent('0008', 8, 8) });
  assert.equal(model.flights.at(-1)?.startsAt, 1_000);
  // Pings are pulses, not log lines nor flights.
  model.apply({ type: 'line', peer: 2, t: 0, line: lines.pingSent([4, 8]) });
  assert.deepEqual(
    model.pulses.filter((p) => p.kind === 'ping').map((p) => p.peer),
    [2],
  );
  assert.equal(model.log.length, 4);
});

test("a request's hops sent elsewhere are drawn to the peer each line names: a replica asked, a reroute, a retry", () => {
  const now = { ms: 1_000 };
  const model = ringOf(now);
  model.apply({ type: 'line', peer: 4, t: 0, line: lines.requestToReplica('0007', 7, 8) });
  model.apply({ type: 'line', peer: 2, t: 0, line: lines.lookupRerouted('0009', 4, 8, 'request') });
  model.apply({ type: 'line', peer: 8, t: 0, line: lines.lookupRetried('0010', 'request', 4) });
  assert.deepEqual(
    model.flights.map((f) => [f.kind, f.from, f.to]),
    [
      ['request', 4, 8],
      ['request', 2, 8],
      ['request', 8, 4],
    ],
  );
});

test('a killed peer is drawn dead while a live peer lists it, then fades out once the ring has closed without it', () => {
  const now = { ms: 1_000 };
  const model = ringOf(now);
  model.apply({ type: 'gone', peer: 8, t: 0, how: 'killed' });
  const state = () => Object.fromEntries(model.drawn(now.ms).map((p) => [p.id, p.state]));
  assert.deepEqual(state(), { 2: 'local', 4: 'local', 8: 'dead' });
  // 4 repairs its list; 2 still lists 8.
  model.apply({ type: 'peer', peer: peer(4, [2, 4]) });
  assert.equal(state()[8], 'dead');
  assert.ok(model.repaired.has(4), "4's new arrows flash");
  model.apply({ type: 'peer', peer: peer(2, [4, 2]) });
  assert.equal(state()[8], 'fading');
  now.ms += FADE_MS + 1;
  model.prune(now.ms);
  assert.deepEqual(state(), { 2: 'local', 4: 'local' });
});

test('a peer reported dead by its neighbours, of another process, is drawn dead until nobody lists it', () => {
  const now = { ms: 1_000 };
  const model = new RingModel(() => now.ms);
  model.apply({
    type: 'snapshot',
    idBits: 8,
    routing: 'successor',
    pingIntervalMs: 1000,
    maxFileBytes: 1024,
    peers: [peer(2, [40, 4])],
  });
  assert.equal(model.drawn(now.ms).find((p) => p.id === 40)?.state, 'remote');
  model.apply({ type: 'line', peer: 2, t: 0, line: lines.noLongerAlive(40) });
  assert.equal(model.drawn(now.ms).find((p) => p.id === 40)?.state, 'dead');
  model.apply({ type: 'peer', peer: peer(2, [4, 2]) });
  assert.equal(model.drawn(now.ms).find((p) => p.id === 40)?.state, 'fading');
});
