// `node --import tsx bench/thread-channels.ts [--gets G]`: what the MessagePort channels between a ring's threads cost
// (src/actor/thread-mesh.ts; bench/README.md seventeenth round). One createRing of 64 peers, a thread per peer, 16 files
// stored, then G gets from random peers: the channel ends its threads hold, each thread's heap and memory outside it
// after a full GC, the process's RSS, and how long the ring took to start. Run from main's checkout for the same ring
// without channels (its threads then report none). Not a figure.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { keyOf, responsibleFor } from '../src/core/ring.ts';
import { createRing, DEFAULTS } from '../src/index.ts';
import { distinctIds } from './lib/rings.ts';
import { pick, seededRandom } from './lib/stats.ts';

const { values } = parseArgs({ options: { gets: { type: 'string', default: '3000' } } });
const random = seededRandom(64);
const ids = distinctIds(64, random);
const dir = `/dev/shm/thread-channels-${process.pid}`;
// 8-bit ids: peer N listens at the base port + N (RINGDHT_TEST_PORTS keeps a run beside others' tests to its range).
const [low, high] = (process.env.RINGDHT_TEST_PORTS ?? '20000-29999').split('-').map(Number) as [number, number];
const basePort = low + Math.floor(Math.random() * (high - low - 256));
const t0 = performance.now();
const ring = await createRing({
  peers: ids,
  basePort,
  dataDir: dir,
  filesDir: join(dir, 'files'),
  pingIntervalMs: 3_600_000,
  opTimeoutMs: 60_000,
  routing: 'finger',
});
console.log(`64 peers, a thread each, started in ${(performance.now() - t0).toFixed(0)} ms`);
try {
  await mkdir(ring.options.filesDir, { recursive: true });
  const names = Array.from({ length: 16 }, (_, k) => String(1000 + k * 37));
  await Promise.all(names.map((name) => writeFile(join(ring.options.filesDir, `${name}.pdf`), randomBytes(1024))));
  for (const name of names) await ring.peer(responsibleFor(keyOf(name, DEFAULTS.idBits), ids)).store(name);
  const report = async (when: string) => {
    let channels = 0;
    let heap = 0;
    let external = 0;
    for (const id of ids) {
      const withMesh = ring as unknown as { meshChannels?: (id: number) => Promise<number> };
      channels += withMesh.meshChannels === undefined ? 0 : await withMesh.meshChannels(id);
      const memory = await ring.memoryAfterGc(id);
      heap += memory.heapUsed;
      external += memory.external;
    }
    const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
    console.log(
      `${when}: channel ends ${channels} (${(channels / ids.length).toFixed(1)} a thread), heap ${mb(heap / ids.length)} MB ` +
        `and external ${mb(external / ids.length)} MB a thread, process RSS ${mb(process.memoryUsage().rss)} MB`,
    );
  };
  await report('after the stores');
  const gets = Number(values.gets);
  for (let k = 0; k < gets; k++) await ring.peer(pick(ids, random)).get(pick(names, random));
  await report(`after ${gets} gets`);
} finally {
  await ring.close();
  await rm(dir, { recursive: true, force: true });
}
