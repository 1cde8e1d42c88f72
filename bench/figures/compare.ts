// Figure 6, compare: what people pick instead (hyperdht, bittorrent-dht), N nodes in one process on 127.0.0.1 only.
import { type Context, type Figure, valueRow } from '../lib/figure.ts';
import { runChild } from '../lib/child.ts';
import { latencyRow } from './floor.ts';
import { STEADY_WARMUP_MS } from './lookup.ts';

const SIZES = { quick: [8, 64], full: [8, 64, 256] };
const VALUES = { quick: 20, full: 50 };
const GETS = { quick: 500, full: 1_000 };
/** Bytes per value: under BEP44's 1000-byte limit and within one hyperdht datagram. */
const VALUE_BYTES = 512;
const BUDGET_MS = { quick: 8_000, full: 40_000 };
const LIBRARIES = ['hyperdht', 'bittorrent-dht'] as const;
const MB = 1e6;

interface ChildResult {
  startupMs: number;
  rssPerNode: number;
  putMs: number[];
  getMs: number[];
  misses: number;
  violations: string[];
}

export const compare: Figure = {
  name: 'compare',
  title: `hyperdht and bittorrent-dht, N nodes in one process on 127.0.0.1, immutable put/get of ${VALUE_BYTES} B values`,
  needs: ['floor'],
  seconds: (mode) =>
    (mode === 'quick' ? 6 : 40) + (SIZES[mode].length * LIBRARIES.length * STEADY_WARMUP_MS[mode]) / 1000,
  async run(ctx: Context) {
    const sizes = SIZES[ctx.mode];
    const runs = sizes.flatMap((n) => LIBRARIES.map((lib) => ({ n, lib })));
    for (const [i, { n, lib }] of runs.entries()) {
      ctx.progress(i / runs.length, `${lib} N=${n}`);
      const args = {
        n,
        values: VALUES[ctx.mode],
        gets: GETS[ctx.mode],
        warmMs: STEADY_WARMUP_MS[ctx.mode],
        valueBytes: VALUE_BYTES,
        budgetMs: BUDGET_MS[ctx.mode],
        seed: Math.floor(ctx.random() * 2 ** 31),
      };
      // Each library in a process of its own: its memory is measured alone and the loopback guard patches only that process.
      let r: ChildResult;
      try {
        r = await runChild<ChildResult>(
          new URL(`../compare/${lib}.mjs`, import.meta.url),
          args,
          BUDGET_MS[ctx.mode] + 120_000,
        );
      } catch (error) {
        // A guard refusal fails the whole figure; anything else costs only this library at this N.
        if ((error as Error).message.includes('loopback guard')) throw error;
        ctx.problem(`${lib} N=${n}: ${(error as Error).message}`);
        continue;
      }
      if (r.violations.length > 0) throw new Error(`${lib} tried to leave 127.0.0.1: ${r.violations[0]}`);
      const params = { N: n, plot: 'latency', series: `${lib} get` };
      ctx.record(
        latencyRow(
          'compare',
          `compare.${lib}.get.N${n}`,
          `${lib} get, N=${n}${r.misses ? ` (${r.misses} not found)` : ''}`,
          r.getMs,
          { params, references: ['floor.udp'] },
        ),
      );
      ctx.record(
        latencyRow('compare', `compare.${lib}.put.N${n}`, `${lib} put, N=${n}`, r.putMs, { references: ['floor.udp'] }),
      );
      const one = (what: string, label: string, value: number, unit: string, plot: string) =>
        ctx.record(
          valueRow({
            figure: 'compare',
            name: `compare.${lib}.${what}.N${n}`,
            label,
            value,
            unit,
            params: { N: n, plot, series: lib },
          }),
        );
      one('startup', `${lib} start-up until every node is ready, N=${n}`, r.startupMs / 1000, 's', 'startup');
      one('rss', `${lib} RSS per node, N=${n}`, r.rssPerNode / MB, 'MB', 'memory');
    }
    ctx.note(
      'Each library runs in a child process of its own that first loads bench/compare/guard.mjs: any bind, send, connect or DNS lookup to an address outside 127.0.0.0/8 throws and fails the figure (checked: a default hyperdht node is refused at its first send to a public bootstrap node, a default bittorrent-dht node at its DNS lookup of router.bittorrent.com).',
    );
    ctx.note(
      `hyperdht: its \`hyperdht/testnet\` helper with host 127.0.0.1 (the first node is every other node's bootstrap); ready = every node fullyBootstrapped(). bittorrent-dht: \`bootstrap: false\`, every node listening on 127.0.0.1 and given every other node (with its id) by hand, so no bootstrap queries; ready = listening and tables filled. Gets use \`cache: false\` and ask from random nodes for values put from random nodes; before the measured gets, each library gets for ${STEADY_WARMUP_MS[ctx.mode] / 1000} s, not measured, as ringdht's lookup rows do.`,
    );
    ctx.note(
      "Values of 512 B against ringdht's 1 KiB files: a DHT get returns the value in its reply datagram, where a ringdht request also opens a transfer connection and writes a file.",
    );
  },
};
