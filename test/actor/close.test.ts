// An actor's end asked twice: a close (or a kill's close) asked while the actor is already closing, or tearing down
// after a crash, resolves once that end is over (its sockets and store closed), not at once (review29a: a kill during a
// quit's grace period returned while the quit's close still ran).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Actor } from '../../src/actor/actor.ts';
import type { ActorReport } from '../../src/actor/events.ts';
import { resolveConfig } from '../../src/config.ts';
import { Ring } from '../../src/host/ring.ts';

/** A lone actor on any free port (ids above 8 bits), with what it reports; `done` removes its directory. */
async function lone(): Promise<{ actor: Actor; reports: ActorReport['kind'][]; done: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'ringdht-close-'));
  const settings = resolveConfig({
    idBits: 16,
    basePort: 0,
    pingIntervalMs: 60_000,
    dataDir: join(root, 'data'),
    filesDir: join(root, 'files'),
    ringId: 'close-test',
  });
  const config = new Ring(settings).configFor({ id: 300, successors: [] });
  const reports: ActorReport['kind'][] = [];
  const actor = await Actor.open(config, (report) => reports.push(report.kind));
  return { actor, reports, done: () => rm(root, { recursive: true, force: true }) };
}

test('a close asked while a close is under way resolves once that close has ended (sockets and store closed)', async () => {
  const { actor, reports, done } = await lone();
  try {
    const first = actor.close(true); // as a departure's own close
    await actor.close(); // as a kill's, asked meanwhile
    assert.deepEqual(reports, ['closed'], 'the first close had ended: it said so');
    await first;
  } finally {
    await done();
  }
});

test("a close asked after a crash resolves once the crash's teardown has ended", async () => {
  const { actor, reports, done } = await lone();
  try {
    actor.crash(new Error('a bug'));
    await actor.close();
    assert.deepEqual(reports, ['crashed'], "the crash's teardown had ended: it said so");
  } finally {
    await done();
  }
});

test("a close asked after a crash whose stopping threw resolves once the crash's teardown has ended", {
  timeout: 20_000, // a hang guard: the close waited forever on an end that never settled
}, async () => {
  const { actor, reports, done } = await lone();
  try {
    // A bug in stopping (a source's or an arriving file's close throwing): the network's abort throws.
    const inside = actor as unknown as { network: { abort(): void } };
    inside.network.abort = () => {
      throw new Error('abort failed');
    };
    actor.crash(new Error('a bug'));
    await actor.close();
    assert.deepEqual(reports, ['crashed'], "the crash's teardown had ended: it said so");
  } finally {
    await done();
  }
});
