// `npm run bench [-- --full] [-- --only a,b] [-- --seed N]`: runs the figures, writes bench/results/, draws the plots.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { compare } from './figures/compare.ts';
import { detection } from './figures/detection.ts';
import { processes } from './figures/processes.ts';
import { restore } from './figures/restore.ts';
import { kills } from './figures/kills.ts';
import { floor } from './figures/floor.ts';
import { fuzz } from './figures/fuzz.ts';
import { lookup } from './figures/lookup.ts';
import { ping } from './figures/ping.ts';
import { routing } from './figures/routing.ts';
import { sim } from './figures/sim.ts';
import { throughput } from './figures/throughput.ts';
import { soak } from './figures/soak.ts';
import { startup } from './figures/startup.ts';
import { transfer } from './figures/transfer.ts';
import { viewFigure } from './figures/view.ts';
import type { Context, Figure, Mode, Row } from './lib/figure.ts';
import { machine } from './lib/machine.ts';
import { drawPlots } from './lib/plots.ts';
import { Progress } from './lib/progress.ts';
import { writeReport, type FigureReport } from './lib/results.ts';
import { seededRandom } from './lib/stats.ts';

/** In priority order: a figure's references come before it. */
const FIGURES: Figure[] = [
  floor,
  ping,
  lookup,
  routing,
  startup,
  processes,
  detection,
  restore,
  kills,
  transfer,
  compare,
  fuzz,
  throughput,
  soak,
  sim,
  viewFigure,
];
const RESULTS = new URL('./results/', import.meta.url);
/** If anything is still holding the process open this long after the report is written, say what and stop. */
const EXIT_WATCHDOG_MS = 20_000;

/**
 * Rings keep their files where os.tmpdir() says. Unless TMPDIR is set, that is bench/.work on the repository's disk,
 * as a peer's default ./ringdht-data would be: on this machine creating a file under /tmp takes 0.25 to 1 ms against
 * about 20 us elsewhere on the same disk, which would be most of a request's cost.
 */
const WORK = fileURLToPath(new URL('./.work/', import.meta.url));

const NOT_MEASURED: { what: string; why: string }[] = [];

const usage = `usage: npm run bench [-- --full] [-- --only NAME[,NAME...]] [-- --seed N]
figures: ${FIGURES.map((f) => f.name).join(', ')}`;

function options() {
  const { values } = parseArgs({
    options: {
      full: { type: 'boolean' },
      only: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return null;
  }
  const only =
    values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? null;
  for (const name of only ?? [])
    if (!FIGURES.some((f) => f.name === name)) throw new Error(`unknown figure "${name}"\n${usage}`);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer\n${usage}`);
  return { mode: (values.full ? 'full' : 'quick') as Mode, only, seed };
}

/** The figures asked for plus everything their ratios refer to, in FIGURES order. */
function selection(only: string[] | null): Figure[] {
  if (only === null) return FIGURES;
  const wanted = new Set<string>();
  const add = (name: string) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const need of FIGURES.find((f) => f.name === name)?.needs ?? []) add(need);
  };
  only.forEach(add);
  return FIGURES.filter((f) => wanted.has(f.name));
}

async function main(): Promise<number> {
  const opts = options();
  if (opts === null) return 0;
  const started = performance.now();
  const ownWorkDir = process.env.TMPDIR === undefined;
  if (ownWorkDir) {
    mkdirSync(WORK, { recursive: true });
    process.env.TMPDIR = WORK;
  }
  const filesDir = tmpdir();
  try {
    return await runFigures(opts, started, filesDir);
  } finally {
    if (ownWorkDir) rmSync(WORK, { recursive: true, force: true });
  }
}

async function runFigures(
  opts: { mode: Mode; only: string[] | null; seed: number },
  started: number,
  filesDir: string,
): Promise<number> {
  const figures = selection(opts.only);
  const rows: Row[] = [];
  const reports: FigureReport[] = [];
  const random = seededRandom(opts.seed);
  const progress = new Progress(figures.reduce((a, f) => a + f.seconds(opts.mode), 0));
  for (const figure of figures) {
    const report: FigureReport = { name: figure.name, title: figure.title, status: 'ok', notes: [] };
    reports.push(report);
    const ctx: Context = {
      mode: opts.mode,
      random,
      record: (row) => rows.push(row),
      progress: (fraction, detail) => progress.update(fraction, detail),
      note: (text) => report.notes.push(text),
      table: (t) => (report.tables ??= []).push(t),
      problem: (text) => {
        report.status = 'partial';
        report.notes.unshift(`**not measured: ${text}**`);
        process.stderr.write(`\nfigure ${figure.name}: ${text}\n`);
      },
    };
    progress.begin(figure.name, figure.seconds(opts.mode));
    const t0 = performance.now();
    try {
      await figure.run(ctx);
    } catch (error) {
      report.status = 'failed';
      report.error = (error as Error).message.split('\n')[0];
      process.stderr.write(`\nfigure ${figure.name} failed: ${(error as Error).stack}\n`);
    }
    report.seconds = (performance.now() - t0) / 1000;
    progress.end();
  }
  progress.stop();
  // --only runs go beside the full report rather than over it.
  const base = opts.only === null ? 'latest' : 'only';
  const plots = await drawPlots(RESULTS, base, rows);
  for (const f of FIGURES)
    if (!figures.includes(f))
      reports.push({ name: f.name, title: f.title, status: 'skipped', error: 'not selected by --only', notes: [] });
  await writeReport(RESULTS, base, {
    date: new Date().toISOString(),
    mode: opts.mode,
    seed: opts.seed,
    only: opts.only,
    seconds: (performance.now() - started) / 1000,
    machine: machine(),
    filesDir,
    figures: reports,
    rows,
    plots,
    notMeasured: NOT_MEASURED,
  });
  process.stderr.write(`wrote bench/results/${base}.json, ${base}.md${plots.length ? `, ${plots.join(', ')}` : ''}\n`);
  return reports.some((r) => r.status === 'failed' || r.status === 'partial') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => {
      process.stderr.write(
        `bench: still running ${EXIT_WATCHDOG_MS / 1000} s after the end, held open by: ${process.getActiveResourcesInfo().join(', ')}\n`,
      );
      process.exit(2);
    }, EXIT_WATCHDOG_MS).unref();
  },
  (error: Error) => {
    process.stderr.write(`bench: ${error.message}\n`);
    process.exitCode = 2;
  },
);
