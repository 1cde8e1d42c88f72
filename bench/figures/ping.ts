// Figure 2, ping: ringdht's UDP ping round trip between two peers (rttMs of `ping.response`), against the UDP floor.
import type { Context, Figure } from '../lib/figure.ts';
import { distinctIds, startAndWait, withRing } from '../lib/rings.ts';
import { latencyRow, PACED_GAP_MS } from './floor.ts';
import { performance } from 'node:perf_hooks';

const PEERS = 2;
/** Short, so thousands of samples fit in seconds; still far longer than a round trip, so rounds never overlap. Same pace as the paced floor. */
const PING_INTERVAL_MS = PACED_GAP_MS;
/**
 * Pings answered before this much time has passed since the first are not counted: a peer pings for as long as it
 * runs, so the figure is its steady state, once V8 has optimised the ping's path in both threads (cpu18, bench/README.md
 * twelfth round: the p50 falls from about 0.5 to 0.2-0.26 ms over the first 25-30 s at this pace).
 */
const WARMUP_MS = { quick: 20_000, full: 30_000 };
const SAMPLES = { quick: 3_000, full: 10_000 };
const BUDGET_MS = { quick: 40_000, full: 80_000 };

export const ping: Figure = {
  name: 'ping',
  title: 'ping round trip between two ringdht peers (UDP, protobuf, each peer in its own worker)',
  needs: ['floor'],
  seconds: (mode) => (mode === 'quick' ? 33 : 72),
  async run(ctx: Context) {
    const ids = distinctIds(PEERS, ctx.random);
    const want = SAMPLES[ctx.mode];
    const rtts = await withRing(ids, { pingIntervalMs: PING_INTERVAL_MS, syncIntervalMs: 3_600_000 }, async (ring) => {
      const seen: number[] = [];
      let warmUntil: number | undefined;
      let stop = () => {};
      const enough = new Promise<void>((resolve) => (stop = resolve));
      const off = ring.on((e) => {
        if (e.kind !== 'line' || e.line.event !== 'ping.response' || typeof e.line.rttMs !== 'number') return;
        warmUntil ??= performance.now() + WARMUP_MS[ctx.mode];
        if (performance.now() < warmUntil) return;
        seen.push(e.line.rttMs);
        if (seen.length % 200 === 0) ctx.progress(seen.length / want, `${seen.length}/${want} pings`);
        if (seen.length >= want) stop();
      });
      const timer = setTimeout(stop, BUDGET_MS[ctx.mode]);
      try {
        await startAndWait(ring);
        await enough;
      } finally {
        clearTimeout(timer);
        off();
      }
      return seen;
    });
    ctx.record(
      latencyRow('ping', 'ping.rtt', `ping round trip (rttMs), ${PEERS} peers, every ${PING_INTERVAL_MS} ms`, rtts, {
        references: ['floor.udp', 'floor.udp.paced'],
      }),
    );
    ctx.note(
      `rttMs is taken inside the pinging actor: from the ping round's timer (before encoding) to the decoded answer, on the actor's clock; answers in the first ${WARMUP_MS[ctx.mode] / 1000} s after the first one are dropped as warm-up (a peer pings as long as it runs: this is its steady state, its code optimised).`,
    );
  },
};
