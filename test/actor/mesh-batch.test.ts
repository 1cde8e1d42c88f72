// A turn's messages to another thread as one flat array (src/actor/mesh-batch.ts): what the receiving thread reads
// back, after postMessage's clone, is what was sent, in order: sealed frames and messages, their senders, receivers,
// source hosts and address hints, and a message's fields as the decoder gives them (undefined ones kept).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import type { Carried } from '../../src/actor/local-exchange.ts';
import { appendSend, emptyBatch, lastSeqOf, type Sent, sendsOf } from '../../src/actor/mesh-batch.ts';

/** The batch as the other end of a MessagePort reads it. */
async function posted(batch: unknown[]): Promise<unknown[]> {
  const { port1, port2 } = new MessageChannel();
  const read = new Promise<unknown[]>((resolve) => port2.once('message', resolve));
  port1.postMessage(batch);
  const got = await read;
  port1.close();
  return got;
}

test('a batch of frames and messages reads back as sent, in order, across a port', async () => {
  const lookup = { type: 'lookup', op: 7, origin: 2, key: 201, name: 'a.pdf', hops: 1, final: true, ack: undefined };
  const sends: Sent[] = [
    {
      seq: 5,
      from: 2,
      to: '127.0.0.1:9004',
      toId: 4,
      sourceHost: '127.0.0.1',
      carried: {
        kind: 'message',
        from: 2,
        body: lookup as unknown as Extract<Carried, { kind: 'message' }>['body'],
        hints: [
          { id: 2, host: '127.0.0.1', port: 9002 },
          { id: 9, host: 'peer-nine', port: 9009 },
        ],
      },
    },
    {
      seq: 6,
      from: 3,
      to: '127.0.0.1:9005',
      toId: 5,
      sourceHost: '10.0.0.3',
      carried: { kind: 'frame', bytes: new Uint8Array([1, 2, 3, 250]) },
    },
    {
      seq: 7,
      from: 2,
      to: '127.0.0.1:9004',
      toId: 4,
      sourceHost: '127.0.0.1',
      carried: { kind: 'message', from: 2, body: { type: 'hopAck', ack: 3 } as never, hints: [] },
    },
  ];
  const batch = emptyBatch();
  assert.equal(lastSeqOf(batch), 0);
  for (const s of sends) appendSend(batch, s.seq, s.from, s.to, s.toId, s.sourceHost, s.carried);
  const read = await posted(batch);
  assert.equal(lastSeqOf(read), 7);
  const got = sendsOf(read);
  assert.deepStrictEqual(got, sends);
  assert.ok('ack' in (got[0]!.carried as { body: object }).body, 'an undefined field is kept');
});

test('a frame that is a view of a larger buffer crosses with its own bytes only', async () => {
  const pool = new Uint8Array(8192).fill(9);
  const bytes = pool.subarray(100, 104);
  const batch = emptyBatch();
  appendSend(batch, 1, 2, '127.0.0.1:9004', 4, '127.0.0.1', { kind: 'frame', bytes });
  const [sent] = sendsOf(await posted(batch));
  assert.ok(sent?.carried.kind === 'frame');
  assert.deepStrictEqual([...sent.carried.bytes], [9, 9, 9, 9]);
  assert.equal(sent.carried.bytes.buffer.byteLength, 4, 'not the 8 KiB around it');
});
