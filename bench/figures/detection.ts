// Figure 6, detection: time from a kill to each predecessor's "Peer N is no longer alive", for ping intervals 0.2, 0.5 and 1 s.
import { performance } from 'node:perf_hooks';
import type { Context, Figure } from '../lib/figure.ts';
import { distinctIds, startAndWait, withRing, type BenchRing } from '../lib/rings.ts';
import { latencyRow } from './floor.ts';
import { DEFAULTS } from '../../src/defaults.ts';

const INTERVALS_S = [0.2, 0.5, 1];
/** Kills per interval; each needs about K intervals to be noticed and one more for the repair. */
const KILLS = { quick: 3, full: 12 };
/** Peers left alive after the last kill, so the victim always has two distinct predecessors. */
const SURVIVORS = 5;
/** K: the peers' default (the rings here leave it to resolveConfig). */
const PING_MISS_LIMIT = DEFAULTS.pingMissLimit;
const WAIT_MS = 30_000;

const wallClock = () => performance.timeOrigin + performance.now();

/** Kills `victim` and resolves with ms from the kill to each of its two predecessors' "no longer alive" line. */
async function killAndTime(ring: BenchRing, live: number[], victim: number): Promise<number[]> {
  const at = live.indexOf(victim);
  const predecessors = [live[(at - 1 + live.length) % live.length]!, live[(at - 2 + live.length) % live.length]!];
  const heardAt = new Map<number, number>();
  const repaired = new Set<number>();
  let done = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const off = ring.on((e) => {
    if (e.kind !== 'line' || !predecessors.includes(e.peer)) return;
    if (e.line.event === 'peer.dead' && e.line.dead === victim && !heardAt.has(e.peer)) heardAt.set(e.peer, e.t);
    // The repair's last line: the predecessor is ready for the next kill.
    if (e.line.event === 'successor.second' && heardAt.has(e.peer)) repaired.add(e.peer);
    if (repaired.size === predecessors.length) done();
  });
  const timer = setTimeout(done, WAIT_MS);
  try {
    const killedAt = wallClock();
    await ring.kill(victim);
    await all;
    return [...heardAt.values()].map((t) => t - killedAt);
  } finally {
    clearTimeout(timer);
    off();
  }
}

export const detection: Figure = {
  name: 'detection',
  title: `failure detection: a kill until the predecessors say "no longer alive" (K = ${PING_MISS_LIMIT} missed pings)`,
  seconds: (mode) => KILLS[mode] * INTERVALS_S.reduce((sum, s) => sum + (PING_MISS_LIMIT + 1.5) * s, 0) + 10,
  async run(ctx: Context) {
    for (const [i, intervalS] of INTERVALS_S.entries()) {
      const kills = KILLS[ctx.mode];
      const ids = distinctIds(SURVIVORS + kills, ctx.random);
      const samples = await withRing(ids, { pingIntervalMs: intervalS * 1000 }, async (ring) => {
        await startAndWait(ring);
        const live = [...ids];
        const out: number[] = [];
        for (let k = 0; k < kills; k++) {
          const victim = live[Math.floor(ctx.random() * live.length)]!;
          const times = await killAndTime(ring, live, victim);
          if (times.length < 2)
            ctx.problem(
              `at ${intervalS} s, a kill of Peer ${victim} was noticed by ${times.length} of its 2 predecessors within ${WAIT_MS / 1000} s`,
            );
          out.push(...times);
          live.splice(live.indexOf(victim), 1);
          ctx.progress((i + (k + 1) / kills) / INTERVALS_S.length, `interval ${intervalS} s: ${k + 1}/${kills} kills`);
        }
        return out;
      });
      ctx.record(
        latencyRow(
          'detection',
          `detection.I${intervalS * 1000}`,
          `kill → "no longer alive" at a predecessor, ping every ${intervalS} s`,
          samples,
          {
            params: {
              plot: 'detection',
              series: `ringdht, K = ${PING_MISS_LIMIT}`,
              intervalS,
              pingMissLimit: PING_MISS_LIMIT,
            },
          },
        ),
      );
    }
    ctx.note(
      `A ping unanswered within half the interval (at most 2 s) is probed through ${DEFAULTS.indirectProbes} other peers, and unanswered by them too within one more timeout it is a miss; K = ${PING_MISS_LIMIT} misses in a row declare the successor gone. So a kill is noticed after (K - 1) intervals plus twice the timeout, plus however much of the current interval was left when it died: from 3 to 4 intervals at these intervals (the timeout is half of each).`,
    );
    ctx.note(
      "Each sample is one predecessor of a killed peer (two per kill), timed from the kill on the main thread to the line's timestamp in the predecessor's actor (both wall clock). Peers are killed one at a time, each after the previous repair.",
    );
  },
};
