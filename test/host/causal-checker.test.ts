// The causal-order checker the integration and e2e tiers read a ring's lines with (test/lib/causal-order.ts): what it
// must catch, and what a correct ring prints that it must let pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { causalViolations, type Printed } from '../lib/causal-order.ts';

const origins = { stores: new Map<string, number>(), requests: new Map([['0003', 19]]) };

test('a copy holder that finds the file before the walk to it was printed is caught', () => {
  const printed: Printed[] = [
    { peer: 19, event: 'request.sent', name: '0003', next: 2 },
    { peer: 2, event: 'request.forwarded', name: '0003', next: 4 },
    { peer: 5, event: 'request.found', name: '0003' },
    { peer: 4, event: 'request.replica', name: '0003', next: 5 },
  ];
  assert.ok(causalViolations(printed, origins).length > 0);
  // In order, the walk to the copy passes.
  assert.deepEqual(causalViolations([...printed.slice(0, 2), printed[3]!, printed[2]!], origins), []);
});

test('a ping received before any ping was sent is caught; a ping sent again quietly (a successor not up yet) passes', () => {
  const sent: Printed = { peer: 2, event: 'ping.sent', to: [4, 5] };
  const received: Printed = { peer: 4, event: 'ping.received', from: 2 };
  assert.ok(causalViolations([received, sent], origins).length > 0);
  assert.deepEqual(causalViolations([sent, received, received], origins), []);
});
