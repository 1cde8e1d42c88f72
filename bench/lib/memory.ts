// Resident set size after a GC when node runs with --expose-gc (the bench script passes it), and a short pause for it to settle.
import { setTimeout as delay } from 'node:timers/promises';

const SETTLE_MS = 50;

export async function rssAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    // Finalizers and freed pages come back over a tick or two.
    await delay(SETTLE_MS);
    gc();
  }
  return process.memoryUsage().rss;
}
