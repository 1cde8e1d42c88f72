// Which plots a run draws, from rows tagged with params.plot, params.series and params.N.
import { writeFile } from 'node:fs/promises';
import type { Row } from './figure.ts';
import { lineChartSvg, type Point } from './plot.ts';

interface PlotDef {
  key: string;
  file: string;
  title: string;
  yTitle: string;
  /** Which statistics become lines: p99 as well where tails matter. */
  stats: ('p50' | 'p99')[];
  logY?: boolean;
  /** The row param on the x axis (default N, the ring size, on a log scale). */
  x?: { param: string; title: string; log: boolean };
}

const PLOTS: PlotDef[] = [
  {
    key: 'latency',
    file: 'latency-vs-size.svg',
    title: 'Store / request / get latency against ring size (same run)',
    yTitle: 'latency (ms, log scale)',
    stats: ['p50', 'p99'],
    logY: true,
  },
  {
    key: 'startup',
    file: 'startup-vs-size.svg',
    title: 'Start-up: create until every node is ready',
    yTitle: 'seconds (log scale)',
    stats: ['p50'],
    logY: true,
  },
  {
    key: 'memory',
    file: 'memory-vs-size.svg',
    title: 'RSS per node (process RSS delta / N)',
    yTitle: 'MB per node (log scale)',
    stats: ['p50'],
    logY: true,
  },
  {
    key: 'throughput',
    file: 'throughput-vs-concurrency.svg',
    title: 'Throughput: store + request ops/s against commands in flight',
    yTitle: 'ops/s',
    stats: ['p50'],
    x: { param: 'concurrency', title: 'commands in flight (log scale)', log: true },
  },
  {
    key: 'sim-hops',
    file: 'sim-hops-vs-size.svg',
    title: 'Simulator: lookup hops against ring size',
    yTitle: 'hops (log scale)',
    stats: ['p50', 'p99'],
    logY: true,
  },
  {
    key: 'sim-messages',
    file: 'sim-maintenance-vs-size.svg',
    title: 'Simulator: maintenance messages per peer per second',
    yTitle: 'messages per peer per second',
    stats: ['p50'],
  },
  {
    key: 'detection',
    file: 'detection-vs-interval.svg',
    title: 'Failure detection: a kill until "no longer alive"',
    yTitle: 'ms',
    stats: ['p50', 'p99'],
    x: { param: 'intervalS', title: 'ping interval (s)', log: false },
  },
];

export async function drawPlots(dir: URL, base: string, rows: readonly Row[]): Promise<string[]> {
  const written: string[] = [];
  for (const plot of PLOTS) {
    const points: Point[] = [];
    const x = plot.x ?? { param: 'N', title: 'nodes in the ring (N, log scale)', log: true };
    for (const row of rows) {
      const at = row.params?.[x.param];
      if (row.params?.plot !== plot.key || typeof at !== 'number') continue;
      for (const stat of plot.stats) {
        const y = row[stat];
        if (y === null || !Number.isFinite(y)) continue;
        points.push({ x: at, y, series: String(row.params.series), stat });
      }
    }
    if (points.length === 0) continue;
    const file = base === 'latest' ? plot.file : `${base}-${plot.file}`;
    const svg = await lineChartSvg({
      title: plot.title,
      xTitle: x.title,
      yTitle: plot.yTitle,
      points,
      logX: x.log,
      ...(plot.logY ? { logY: true } : {}),
    });
    await writeFile(new URL(file, dir), svg);
    written.push(file);
  }
  return written;
}
