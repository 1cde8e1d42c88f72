// `npm run screenshot`: regenerates docs/live-view.png, the README's picture of the live view: a 20-peer ring with finger
// routing and some files, one peer's fingers shown, a request's route drawn and its file on its way.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRing, type Ring } from '../src/host/ring.ts';
import { randomBasePort } from '../src/host/testing.ts';
import { findChromium, launchChromium } from '../test/browser/chromium.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/live-view.png');
const PEERS = [3, 17, 30, 44, 52, 71, 85, 99, 112, 126, 140, 153, 167, 181, 190, 208, 222, 235, 244, 250];

const chromium = findChromium();
if ('reason' in chromium) {
  console.error(`npm run screenshot: ${chromium.reason}`);
  process.exit(1);
}
const work = await mkdtemp(join(tmpdir(), 'ringdht-screenshot-'));
let ring: Ring | undefined;
const browser = await launchChromium(chromium.path);
try {
  for (let attempt = 0; ring === undefined; attempt++) {
    ring = await createRing({
      // Finger tables as built, as a ring that has run a while has them.
      peers: PEERS.map((id) => ({
        id,
        fingers: Array.from({ length: 8 }, (_, i) => PEERS.find((p) => p >= (id + 2 ** i) % 256) ?? PEERS[0]!),
      })),
      basePort: randomBasePort(),
      routing: 'finger',
      pingIntervalMs: 1000,
      dataDir: join(work, 'data'),
      filesDir: join(work, 'files'),
    }).catch((error: unknown) => {
      if (attempt > 5) throw error;
      return undefined;
    });
  }
  const view = await ring.serveView({ port: ring.options.basePort + 255 });
  for (const [peer, name, size] of [
    [3, '2067', 180_000],
    [99, 'report.pdf', 90_000],
    [167, 'photo.jpg', 400_000],
    [222, '4103', 20_000],
    [52, 'notes.txt', 3_000],
  ] as const) {
    const path = join(work, name);
    await writeFile(path, randomBytes(size));
    const result = await ring.peer(peer).store(name, path);
    if (!result.ok) throw new Error(`store ${name}: ${result.error}`);
  }
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${view.url}?layout=id`);
  await page.waitForFunction(() => window.ringView.peers().length === 20, { timeout: 30_000 });
  await page.evaluate(() => window.ringView.select(30));
  // A request across the ring: the shot is taken once its route is drawn and its file is on its way back.
  const requested = ring.peer(30).request('photo.jpg');
  await page.waitForFunction(
    () => window.ringView.flights().some((f) => f.kind === 'transfer' && f.name === 'photo.jpg' && f.progress > 0.55),
    { timeout: 30_000, polling: 'raf' },
  );
  await mkdir(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  await requested;
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await ring?.close();
  await rm(work, { recursive: true, force: true });
}
