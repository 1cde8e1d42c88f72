// The live view in a real headless Chromium: `ringdht ring --web` (the built CLI, as users run it) on the example ring
// of 7 peers; the page shows them, draws a store typed at the REPL hop by hop, marks a killed peer dead and closes the
// ring without it, and stores and requests a file itself. Screenshots go to a temporary directory the test names.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { BIN, CliProcess, freeBasePort, tempDir } from '../e2e/cli.ts';
import { findChromium, launchChromium } from './chromium.ts';

const IDS = [2, 4, 5, 8, 9, 14, 19];
const chromium = findChromium();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Waits in the page, checking every frame it draws. */
const WAIT = { timeout: 30_000, polling: 'raf' as const };

test('the live view of the 7-peer ring, in Chromium', {
  skip: 'reason' in chromium ? chromium.reason : false,
  timeout: 120_000,
}, async (t) => {
  if ('reason' in chromium) return;
  const root = await tempDir();
  const shots = await mkdtemp(join(tmpdir(), 'ringdht-browser-'));
  t.diagnostic(`screenshots: ${shots}`);
  const filesDir = join(root.path, 'files');
  await mkdir(filesDir, { recursive: true });
  const stored = randomBytes(200 * 1024);
  await writeFile(join(filesDir, '2067.pdf'), stored);
  const basePort = await freeBasePort(IDS);
  // A port of the ring's own block (its ids stop at 19), so it stays within RINGDHT_TEST_PORTS.
  const webPort = basePort + 255;
  const cli = new CliProcess(
    process.execPath,
    [
      BIN,
      'ring',
      '--peers',
      IDS.join(','),
      '--web',
      String(webPort),
      '--base-port',
      String(basePort),
      '--ping-interval',
      '0.2',
      '--data-dir',
      join(root.path, 'data'),
      '--files-dir',
      filesDir,
    ],
    { cwd: root.path, timeoutMs: 110_000 },
  );
  let browser: Browser | undefined;
  let step = 0;
  const shot = async (page: Page, what: string) => {
    const path = join(shots, `${String(++step).padStart(2, '0')}-${what}.png`);
    await page.screenshot({ path });
    return path;
  };
  try {
    const line = await cli.waitForLine((l) => l.includes('live view at'), 'the live view', 'stderr');
    const url = line.slice(line.indexOf('http'));
    assert.equal(url, `http://127.0.0.1:${webPort}/`);
    browser = await launchChromium(chromium.path);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url);

    // Seven peers on the circle, each of this process.
    await page.waitForFunction(() => window.ringView.peers().filter((p) => p.state === 'local').length === 7, WAIT);
    assert.deepEqual(
      await page.evaluate(() => window.ringView.peers()),
      IDS.map((id) => ({ id, state: 'local' })),
    );
    assert.equal(await page.$$eval('#peers li', (items) => items.length), 7);
    await shot(page, 'seven-peers');

    // A store typed at the REPL: its route 8 -> 9 -> 14 -> 19 is drawn hop by hop, then the file travels to 19.
    cli.send('@8 store 2067');
    // Taken while the route is being drawn: a hop on its way.
    await page.waitForFunction(
      () => window.ringView.flights().some((f) => f.kind === 'store' && f.from === 9 && f.progress > 0.5),
      WAIT,
    );
    await shot(page, 'store-route-drawing');
    await page.waitForFunction(
      () => window.ringView.flights().some((f) => f.kind === 'transfer' && f.name === '2067' && f.arrived),
      WAIT,
    );
    const flights = await page.evaluate(() => window.ringView.flights());
    assert.deepEqual(
      flights.filter((f) => f.kind === 'store' && f.name === '2067').map((f) => [f.from, f.to]),
      [
        [8, 9],
        [9, 14],
        [14, 19],
      ],
    );
    assert.ok(flights.some((f) => f.kind === 'transfer' && f.from === 8 && f.to === 19));
    await shot(page, 'store-route-drawn');

    // kill 14: marked dead at once, then, once 8 and 9 have repaired their lists, the ring is drawn without it.
    cli.send('kill 14');
    await page.waitForFunction(() => window.ringView.peers().some((p) => p.id === 14 && p.state === 'dead'), WAIT);
    await shot(page, 'peer-14-dead');
    await page.waitForFunction(() => !window.ringView.peers().some((p) => p.id === 14), WAIT);
    assert.deepEqual(
      await page.evaluate(() => window.ringView.peers().map((p) => p.id)),
      IDS.filter((id) => id !== 14),
    );
    await shot(page, 'ring-without-14');

    // From the page: store a file at peer 5 (uploaded), request it at peer 9 (downloaded); the bytes match.
    const upload = randomBytes(300 * 1024);
    const uploadPath = join(root.path, 'notes.bin');
    await writeFile(uploadPath, upload);
    await page.click('#peers li[data-peer="5"]');
    const input = (await page.$('#store-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(uploadPath);
    await page.$eval('#store-name', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#store-name', 'notes.bin');
    await page.click('#store-form button');
    const said = () => page.$eval('#message', (el) => el.textContent ?? '');
    await page.waitForFunction(() => !['', '…'].includes(document.getElementById('message')?.textContent ?? ''), WAIT);
    assert.match(await said(), /^store notes\.bin at Peer 5: stored at Peer \d+/);
    // notes.bin is placed at 2 (its SHA-1): requested at 9, it travels 2 -> 9.
    await page.click('#peers li[data-peer="9"]');
    await page.type('#request-name', 'notes.bin');
    await page.click('#request-form button');
    await page.waitForSelector('#download a', { timeout: 30_000 });
    assert.match(await said(), /^request notes\.bin at Peer 9: Peer 2 had it/);
    const href = await page.$eval('#download a', (a) => (a as HTMLAnchorElement).href);
    const downloaded = new Uint8Array(await (await fetch(href)).arrayBuffer());
    assert.equal(sha(downloaded), sha(upload));
    await page.waitForFunction(
      () =>
        window.ringView
          .flights()
          .some(
            (f) => f.kind === 'transfer' && f.name === 'notes.bin' && f.from === 2 && f.to === 9 && f.progress > 0.5,
          ),
      WAIT,
    );
    await shot(page, 'store-and-request-from-the-page');
    // The REPL's own file went where the store said, unchanged (the page's store did not disturb it).
    assert.deepEqual(await readFile(join(filesDir, '2067.pdf')), stored);
    assert.deepEqual(errors, [], 'no error in the page');

    // End of input: the ring process departs and exits, and its view's server with it.
    const finished = await cli.finish();
    assert.equal(finished.code, 0, finished.stderr);
    await assert.rejects(fetch(url));
    await page.waitForFunction(() => !window.ringView.connected(), WAIT);
  } finally {
    await browser?.close();
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await cli.exited;
    await root.remove();
  }
});
