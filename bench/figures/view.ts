// Figure: the live view stays fluid at 256 peers with 32-bit ids (issue 18). A ring of 256 peers on 2 threads serves
// its view (ring.serveView, as `ringdht ring --web` does); a headless Chromium (Debian's chromium, as the browser tier
// uses) draws it, and the page's frames are counted while the ring is idle, then while stores and requests run hop by
// hop across it. Frames per second and the longest gaps between frames are what a person sees as fluid or not.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { findChromium, launchChromium } from '../../test/browser/chromium.ts';
import type { Context, Figure, Mode } from '../lib/figure.ts';
import { builtRingdht } from '../lib/ringdht.ts';
import { percentile } from '../lib/stats.ts';

const SIZES: Record<Mode, number[]> = { quick: [256], full: [64, 256] };
const ID_BITS = 32;
const MEASURE_MS = 3_000;
/** Commands in flight while the busy frames are counted: each draws its route hop by hop, then its file. */
const COMMANDS = 64;

/** Distinct 32-bit ids from the run's seeded random source. */
function wideIds(n: number, random: () => number): number[] {
  const ids = new Set<number>();
  while (ids.size < n) ids.add(Math.floor(random() * 2 ** ID_BITS));
  return [...ids].sort((a, b) => a - b);
}

/**
 * The gaps between the frames the page draws over `ms`, in ms (requestAnimationFrame timestamps). Sent as source text:
 * tsx would name a function passed to evaluate with a helper the page does not have.
 */
function frameGaps(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const stamps = [];
    const frame = (t) => {
      stamps.push(t);
      if (t - stamps[0] < ${ms}) requestAnimationFrame(frame);
      else resolve(stamps.slice(1).map((s, i) => s - stamps[i]));
    };
    requestAnimationFrame(frame);
  })`) as Promise<number[]>;
}

async function measure(ctx: Context, chromiumPath: string, n: number): Promise<void> {
  const { createRing } = await builtRingdht();
  const root = await mkdtemp(join(tmpdir(), 'ringdht-view-'));
  const ids = wideIds(n, ctx.random);
  const filesDir = join(root, 'files');
  await mkdir(filesDir, { recursive: true });
  const ring = await createRing({
    peers: ids.map((id) => ({ id })),
    idBits: ID_BITS,
    threads: 2,
    basePort: 0,
    pingIntervalMs: 1_000,
    dataDir: join(root, 'data'),
    filesDir,
  });
  const browser = await launchChromium(chromiumPath);
  try {
    const view = await ring.serveView({ port: 0 });
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(view.url);
    await page.waitForFunction((n) => window.ringView.peers().length === n, { timeout: 60_000 }, n);
    const record = (what: string, label: string, gaps: number[]) => {
      const fps = gaps.length / (gaps.reduce((a, b) => a + b, 0) / 1000);
      const base = { figure: 'view', n: 1, p95: null, p99: null, params: { N: n } } as const;
      ctx.record({
        ...base,
        name: `view.fps.${what}.N${n}`,
        label: `${label}: frames per second, N=${n}`,
        p50: fps,
        mean: fps,
        unit: 'frames/s',
      });
      const p99 = percentile(
        [...gaps].sort((a, b) => a - b),
        99,
      );
      ctx.record({
        ...base,
        name: `view.gap.${what}.N${n}`,
        label: `${label}: p99 gap between frames, N=${n}`,
        p50: p99,
        mean: p99,
        unit: 'ms',
      });
    };
    record('idle', 'the view of an idle ring', await frameGaps(page, MEASURE_MS));

    const names = Array.from({ length: COMMANDS / 2 }, (_, i) => `file-${i}`);
    await Promise.all(names.map((name) => writeFile(join(filesDir, name), randomBytes(4096))));
    const anyPeer = () => ring.peer(ids[Math.floor(ctx.random() * ids.length)]!);
    const busy = frameGaps(page, MEASURE_MS);
    const commands = Promise.all([
      ...names.map((name) => anyPeer().store(name)),
      ...names.map((name) => anyPeer().request(name)),
    ]);
    record('busy', `the view while ${COMMANDS} stores and requests cross the ring`, await busy);
    await commands;
  } finally {
    await browser.close();
    await ring.close();
    await rm(root, { recursive: true, force: true });
  }
}

export const viewFigure: Figure = {
  name: 'view',
  title: 'the live view at 256 peers with 32-bit ids, in headless Chromium',
  seconds: (mode) => (mode === 'quick' ? 15 : 30),
  async run(ctx: Context) {
    const chromium = findChromium();
    if ('reason' in chromium) {
      ctx.note(`Not measured: ${chromium.reason}.`);
      return;
    }
    for (const [i, n] of SIZES[ctx.mode].entries()) {
      ctx.progress(i / SIZES[ctx.mode].length, `N=${n}`);
      await measure(ctx, chromium.path, n);
    }
    ctx.note(
      `A ring of N peers with ${ID_BITS}-bit ids on 2 worker threads (finger routing, the default above 8 bits) serves its view; headless Chromium (1280x800, software rendering) draws it. Frames are counted with requestAnimationFrame for ${MEASURE_MS / 1000} s while the ring only pings, then for ${MEASURE_MS / 1000} s from the moment ${COMMANDS / 2} stores of 4 KiB and ${COMMANDS / 2} requests start at random peers at once (the page draws each hop, then each file). 60 frames/s is the page's ceiling; a p99 gap near 16.7 ms means no frame was dropped.`,
    );
  },
};
