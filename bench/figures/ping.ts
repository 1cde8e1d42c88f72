// Figure 2, ping: ringdht's UDP ping round trip between two peers (rttMs of `ping.response`), against the UDP floor.
import type { Context, Figure } from '../lib/figure.ts';
import { distinctIds, startAndWait, withRing } from '../lib/rings.ts';
import { latencyRow, PACED_GAP_MS } from './floor.ts';

const PEERS = 2;
/** Short, so thousands of samples fit in seconds; still far longer than a round trip, so rounds never overlap. Same pace as the paced floor. */
const PING_INTERVAL_MS = PACED_GAP_MS;
const WARMUP = 100;
const SAMPLES = { quick: 3_000, full: 10_000 };
const BUDGET_MS = { quick: 12_000, full: 40_000 };

export const ping: Figure = {
  name: 'ping',
  title: 'ping round trip between two ringdht peers (UDP, protobuf, each peer in its own worker)',
  needs: ['floor'],
  seconds: (mode) => (mode === 'quick' ? 9 : 25),
  async run(ctx: Context) {
    const ids = distinctIds(PEERS, ctx.random);
    const want = WARMUP + SAMPLES[ctx.mode];
    const rtts = await withRing(ids, { pingIntervalMs: PING_INTERVAL_MS, syncIntervalMs: 3_600_000 }, async (ring) => {
      const seen: number[] = [];
      let stop = () => {};
      const enough = new Promise<void>((resolve) => (stop = resolve));
      const off = ring.on((e) => {
        if (e.kind !== 'line' || e.line.event !== 'ping.response' || typeof e.line.rttMs !== 'number') return;
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
      return seen.slice(WARMUP);
    });
    ctx.record(
      latencyRow('ping', 'ping.rtt', `ping round trip (rttMs), ${PEERS} peers, every ${PING_INTERVAL_MS} ms`, rtts, {
        references: ['floor.udp', 'floor.udp.paced'],
      }),
    );
    ctx.note(
      `rttMs is taken inside the pinging actor: from the ping round's timer (before encoding) to the decoded answer, on the actor's clock; the first ${WARMUP} answers are dropped as warm-up.`,
    );
  },
};
