// Finds a headless Chromium for the browser tier (Debian's `chromium` package, which .ci/run installs) and launches it
// with puppeteer-core; where there is none, the tier is skipped with the reason.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { RingViewProbe } from '../../src/view/page/probe.ts';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** The browser's executable: RINGDHT_CHROMIUM, else the first of NAMES on PATH; or why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { reason: string } {
  const given = env.RINGDHT_CHROMIUM;
  if (given !== undefined && given !== '') {
    return executable(given) ? { path: given } : { reason: `RINGDHT_CHROMIUM=${given} is not an executable file` };
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) if (executable(join(dir, name))) return { path: join(dir, name) };
  }
  return {
    reason: `no Chromium found (RINGDHT_CHROMIUM, or ${NAMES.join(', ')} on PATH): install Debian's chromium package (apt-get install chromium), as .ci/run does`,
  };
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function launchChromium(path: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath: path,
    headless: true,
    // Chromium's sandbox refuses to run as root (CI runs as root); the pages opened here are our own, on 127.0.0.1.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--no-first-run'],
  });
}

/** What the view's page offers its tests (src/view/page/probe.ts): the frame it drew last. */
declare global {
  interface Window {
    ringView: RingViewProbe;
  }
}
