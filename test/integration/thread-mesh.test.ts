// Peers of different worker threads of one ring process talk over MessagePorts between their threads, not loopback TCP:
// a ring's stores and gets read nothing off a socket but pings, whether each peer has a thread or they share two.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestRing } from '../../src/host/testing.ts';

for (const threads of [undefined, 2] as const) {
  test(`a ring on ${threads === undefined ? 'a thread per peer' : `${threads} threads`}: its messages cross threads over MessagePorts, none over TCP`, async () => {
    const t = await createTestRing({ peers: [3, 6, 9, 12, 15], ...(threads === undefined ? {} : { threads }) });
    const { ring } = t;
    try {
      const stored = await ring.peer(3).store('0010', { empty: true });
      assert.equal(stored.ok, true, stored.ok ? '' : stored.error);
      for (const id of ring.ids()) {
        const got = await ring.peer(id).request('0010');
        assert.equal(got.ok, true, got.ok ? '' : got.error);
      }
      let local = 0;
      for (const id of ring.ids()) {
        const status = await ring.peer(id).status();
        assert.equal(status.received.frames, 0, `Peer ${id} read no frame off a TCP connection`);
        local += status.received.local;
      }
      assert.ok(local > 0, 'the messages went in memory');
    } finally {
      await t.close();
    }
  });
}
