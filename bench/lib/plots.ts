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
}

const PLOTS: PlotDef[] = [
  { key: 'latency', file: 'latency-vs-size.svg', title: 'Store / request / get latency against ring size (same run)', yTitle: 'latency (ms, log scale)', stats: ['p50', 'p99'], logY: true },
  { key: 'startup', file: 'startup-vs-size.svg', title: 'Start-up: create until every node is ready', yTitle: 'seconds (log scale)', stats: ['p50'], logY: true },
  { key: 'memory', file: 'memory-vs-size.svg', title: 'RSS per node (process RSS delta / N)', yTitle: 'MB per node (log scale)', stats: ['p50'], logY: true },
];

export async function drawPlots(dir: URL, base: string, rows: readonly Row[]): Promise<string[]> {
  const written: string[] = [];
  for (const plot of PLOTS) {
    const points: Point[] = [];
    for (const row of rows) {
      if (row.params?.plot !== plot.key || typeof row.params.N !== 'number') continue;
      for (const stat of plot.stats) {
        const y = row[stat];
        if (y === null || !Number.isFinite(y)) continue;
        points.push({ x: row.params.N, y, series: String(row.params.series), stat });
      }
    }
    if (points.length === 0) continue;
    const file = base === 'latest' ? plot.file : `${base}-${plot.file}`;
    const svg = await lineChartSvg({ title: plot.title, xTitle: 'nodes in the ring (N, log scale)', yTitle: plot.yTitle, points, logX: true, ...(plot.logY ? { logY: true } : {}) });
    await writeFile(new URL(file, dir), svg);
    written.push(file);
  }
  return written;
}
