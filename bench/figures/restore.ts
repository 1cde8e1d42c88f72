// Figure: restoring R copies after a kill. 1,000 files in a 7-peer ring (R = 3); one peer is killed, and the
// clock runs until every file is again at exactly its three holders among the survivors.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { responsibleFor } from '../../src/core/ring.ts';
import type { Context, Figure } from '../lib/figure.ts';
import { until } from '../../src/host/until.ts';
import { distinctIds, startAndWait, withRing, type BenchRing } from '../lib/rings.ts';
import { latencyRow } from './floor.ts';

const FILES = 1_000;
const FILE_BYTES = 4 * 1024;
const PEERS = 7;
const REPLICAS = 3; // the default
const PING_INTERVAL_MS = 200;
const KILLS = { quick: 1, full: 3 };
const WAIT_MS = 60_000;

const wallClock = () => performance.timeOrigin + performance.now();

function holdersOf(key: number, ids: readonly number[]): number[] {
  const first = ids.indexOf(responsibleFor(key, ids));
  return Array.from({ length: Math.min(REPLICAS, ids.length) }, (_, i) => ids[(first + i) % ids.length]!).sort(
    (a, b) => a - b,
  );
}

/** The first file not at exactly its holders among `live`, in words; undefined when all are. */
async function misplaced(
  ring: BenchRing,
  live: readonly number[],
  names: readonly string[],
): Promise<string | undefined> {
  const at = new Map<string, number[]>();
  for (const id of live)
    for (const f of (await ring.peer(id).status()).files) at.set(f.name, [...(at.get(f.name) ?? []), id]);
  for (const name of names) {
    const have = (at.get(name) ?? []).sort((a, b) => a - b).join();
    if (have !== holdersOf(Number(name) % 256, live).join()) return `${name} is at [${have}]`;
  }
  return undefined;
}

const restored = (ring: BenchRing, live: readonly number[], names: readonly string[]) =>
  until(
    (listener) => ring.on(listener),
    () => misplaced(ring, live, names),
    `copies not restored`,
    WAIT_MS,
  );

export const restore: Figure = {
  name: 'restore',
  title: `restoring ${REPLICAS} copies of ${FILES.toLocaleString('en')} files after a kill (${PEERS} peers, ping every ${PING_INTERVAL_MS / 1000} s)`,
  seconds: (mode) => 25 * KILLS[mode],
  async run(ctx: Context) {
    const restoreMs: number[] = [];
    const detected: number[] = [];
    const moved: number[] = [];
    const kills = KILLS[ctx.mode];
    for (let k = 0; k < kills; k++) {
      const ids = distinctIds(PEERS, ctx.random);
      await withRing(ids, { pingIntervalMs: PING_INTERVAL_MS }, async (ring) => {
        await startAndWait(ring);
        const names = Array.from({ length: FILES }, (_, i) => String((i * 7) % 10_000).padStart(4, '0'));
        await mkdir(ring.filesDir, { recursive: true });
        for (const name of names) await writeFile(join(ring.filesDir, `${name}.pdf`), randomBytes(FILE_BYTES));
        for (const [i, name] of names.entries()) {
          const result = await ring.peer(ids[i % ids.length]!).store(name);
          if (!result.ok) throw new Error(`store ${name}: ${result.error}`);
          if (i % 100 === 99) ctx.progress((k + (i / FILES) * 0.6) / kills, `kill ${k + 1}/${kills}: stored ${i + 1}`);
        }
        await restored(ring, ids, names);
        const victim = ids[Math.floor(ctx.random() * ids.length)]!;
        const live = ids.filter((id) => id !== victim);
        let copies = 0;
        let noticedAt: number | undefined;
        const off = ring.on((e) => {
          if (e.kind !== 'line') return;
          if (e.line.event === 'copy.stored') copies++;
          if (e.line.event === 'peer.dead' && e.line.dead === victim) noticedAt ??= e.t;
        });
        ctx.progress((k + 0.7) / kills, `kill ${k + 1}/${kills}: Peer ${victim} killed`);
        const killedAt = wallClock();
        try {
          await ring.kill(victim);
          await restored(ring, live, names);
          restoreMs.push(wallClock() - killedAt);
          if (noticedAt !== undefined) detected.push(noticedAt - killedAt);
          moved.push(copies);
        } finally {
          off();
        }
      });
      ctx.progress((k + 1) / kills, `kill ${k + 1}/${kills}: restored`);
    }
    ctx.record(latencyRow('restore', 'restore.detected', 'kill → first "no longer alive"', detected));
    ctx.record(
      latencyRow(
        'restore',
        'restore.copies',
        `kill → exactly ${REPLICAS} copies of all ${FILES.toLocaleString('en')} files again`,
        restoreMs,
      ),
    );
    ctx.record({
      figure: 'restore',
      name: 'restore.moved',
      label: 'copies made to restore them',
      n: moved.length,
      p50: moved.sort((a, b) => a - b)[Math.floor(moved.length / 2)] ?? 0,
      p95: null,
      p99: null,
      mean: moved.reduce((a, b) => a + b, 0) / Math.max(1, moved.length),
      unit: 'files',
    });
    ctx.note(
      `${FILES.toLocaleString('en')} files of ${FILE_BYTES / 1024} KiB each, stored with R = ${REPLICAS}; one random peer killed per ring. The clock stops when every file is at exactly its ${REPLICAS} holders among the survivors (checked from every peer's status after each event, no sleeping).`,
    );
    ctx.note(
      'Restoring follows detection: the ring repairs itself (K = 3 missed pings), then the new neighbours exchange digests and copy what is missing, at most 8 copies at a time per sender.',
    );
  },
};
