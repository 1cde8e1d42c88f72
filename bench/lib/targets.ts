// The targets of issues 7 and 15, checked against this run's rows (orientation for the reader, never a test).
import type { Row } from './figure.ts';
import { fmt } from './format.ts';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

export function checkTargets(rows: readonly Row[]): TargetCheck[] {
  const p50 = (name: string) => rows.find((r) => r.name === name)?.p50;
  const out: TargetCheck[] = [];
  const add = (target: string, value: number | undefined, limit: number, unit: string, why = '') =>
    out.push({
      target,
      measured: value === undefined ? 'not measured' : `${fmt(value)} ${unit}${why}`,
      met: value === undefined ? null : value < limit,
    });
  const ping = p50('ping.rtt');
  const udp = p50('floor.udp');
  const paced = p50('floor.udp.paced');
  // Pings go out every few ms, so each one wakes sleeping threads: the like-for-like floor is the UDP echo paced the same way.
  add(
    'ping p50 within 1.2× the worker-to-worker UDP floor (paced as pings are)',
    ping !== undefined && paced ? ping / paced : undefined,
    1.2,
    '×',
    ping !== undefined && paced
      ? ` (${fmt(ping)} / ${fmt(paced)} ms); ${ping !== undefined && udp ? fmt(ping / udp) : '—'}× the back-to-back floor (${udp === undefined ? '—' : fmt(udp)} ms)`
      : '',
  );
  add('request p50 at N=7 under 0.3 ms (along successors)', p50('lookup.request.actor.N7'), 0.3, 'ms');
  add('request p50 at N=7 under 0.3 ms (on fingers)', p50('lookup.finger.request.actor.N7'), 0.3, 'ms');
  add('request p50 at N=64 under 0.3 ms (on fingers)', p50('lookup.finger.request.actor.N64'), 0.3, 'ms');
  add('request p50 at N=256 under 0.5 ms (on fingers)', p50('lookup.finger.request.actor.N256'), 0.5, 'ms');
  for (const [ours, theirs] of [
    [7, 8],
    [64, 64],
    [256, 256],
  ] as const) {
    const mine = p50(`lookup.finger.request.actor.N${ours}`) ?? p50(`lookup.request.actor.N${ours}`);
    const best = Math.min(
      ...['hyperdht', 'bittorrent-dht'].map((lib) => p50(`compare.${lib}.get.N${theirs}`) ?? Infinity),
    );
    if (mine === undefined || !Number.isFinite(best)) continue;
    out.push({
      target: `request p50 at N=${ours} below hyperdht's and bittorrent-dht's get at N=${theirs}`,
      measured: `${fmt(mine)} ms against ${fmt(best)} ms`,
      met: mine < best,
    });
  }
  // Issue 15: one `ringdht init` process per peer, and the one-process ring no worse than before.
  const idle = p50('processes.idle.rss');
  add(
    'RSS per `ringdht init` process at most 45 MB',
    p50('processes.rss.N7'),
    45.001,
    'MB',
    idle === undefined ? '' : ` (an idle node process: ${fmt(idle)} MB)`,
  );
  add(
    '7 `ringdht init` processes with both successors answering at most 1.5 s after the first spawn',
    p50('processes.time.N7'),
    1.501,
    's',
  );
  add('one-process ring of 7: at most 9 MB per peer [dist]', p50('startup.dist.rss.N7'), 9.001, 'MB');
  add('one-process ring of 7: ready in at most 0.35 s [dist]', p50('startup.dist.time.N7'), 0.351, 's');
  for (const key of ['bundle', 'dist', 'tsx']) {
    add(
      `memory per peer under 10 MB [${key}]`,
      p50(`startup.${key}.rss.N64`) ?? p50(`startup.${key}.rss.N32`) ?? p50(`startup.${key}.rss.N7`),
      10,
      'MB',
      ' (largest N measured up to 64)',
    );
    add(`start-up of 7 peers under 0.5 s [${key}]`, p50(`startup.${key}.time.N7`), 0.5, 's');
  }
  return out;
}

/** Rows whose p50 is better when higher (rates); every other unit is better lower. */
const HIGHER_IS_BETTER = new Set(['ops/s', 'MB/s']);
/** How much worse than the last run a row may read before it counts as worse: one run on a shared machine is noisy. */
const WORSE_TOLERANCE = 0.25;

/**
 * Rows "no figure gets worse" leaves out: the references measured beside ours (the machine's floors, raw TCP, the
 * compared DHTs), which move with the machine, not with our code; and hop counts, which depend on the run's random
 * ring ids (its seed), not on how fast anything is.
 */
export function isOwnFigure(row: Pick<Row, 'name' | 'unit'>): boolean {
  return !/^(floor|compare)\.|\.rawtcp\./.test(row.name) && row.unit !== 'hops';
}

/**
 * Issue 20's targets, each against its reference measured in the same run; `previous`: the rows of the last run of
 * the same mode (bench/results/latest.json before this one), for "no figure gets worse".
 */
export function issue20Targets(rows: readonly Row[], previous: readonly Row[] | undefined): TargetCheck[] {
  const p50 = (name: string) => rows.find((r) => r.name === name)?.p50;
  const out: TargetCheck[] = [];
  const check = (
    target: string,
    value: number | undefined,
    limit: number | undefined,
    unit: string,
    how: string,
    atLeast = false,
  ) => {
    const known = value !== undefined && limit !== undefined && Number.isFinite(limit);
    out.push({
      target,
      measured: known
        ? `${fmt(value)} ${unit} (${atLeast ? 'at least' : 'at most'} ${fmt(limit)}: ${how})`
        : 'not measured',
      met: known ? (atLeast ? value >= limit : value <= limit) : null,
    });
  };
  /** A target of `factor` times a reference row of the same unit, measured in this run. */
  const checkScaled = (
    target: string,
    value: number | undefined,
    factor: number,
    reference: number | undefined,
    unit: string,
    atLeast = false,
  ) =>
    check(
      target,
      value,
      reference === undefined ? undefined : factor * reference,
      unit,
      `${factor} × ${reference === undefined ? '—' : fmt(reference)} ${unit}`,
      atLeast,
    );
  const atomicWrite = p50('floor.atomicwrite');
  for (const [ours, theirs] of [
    [7, 8],
    [64, 64],
  ] as const) {
    checkScaled(
      `get of 1 KiB at N=${ours}, fingers, a thread per peer, ≤ 0.8× hyperdht's get at N=${theirs}`,
      p50(`lookup.finger.get.actor.N${ours}`),
      0.8,
      p50(`compare.hyperdht.get.N${theirs}`),
      'ms',
    );
  }
  for (const n of [8, 64])
    checkScaled(
      `get of 1 KiB at N=${n}, fingers, the whole ring on 2 threads, ≤ 0.8× hyperdht's get at N=${n}`,
      p50(`routing.get.finger.N${n}`),
      0.8,
      p50(`compare.hyperdht.get.N${n}`),
      'ms',
    );
  const get7 = p50('lookup.finger.get.actor.N7');
  check(
    'a request to a file (N=7, fingers) ≤ a get + one atomic write on the same disk',
    p50('lookup.finger.request.actor.N7'),
    get7 !== undefined && atomicWrite !== undefined ? get7 + atomicWrite : undefined,
    'ms',
    `${get7 === undefined ? '—' : fmt(get7)} + ${atomicWrite === undefined ? '—' : fmt(atomicWrite)} ms`,
  );
  checkScaled(
    'ms per hop (fingers, N=64) ≤ 1.5× the paced TCP floor',
    p50('lookup.finger.request.N64.perhop'),
    1.5,
    p50('floor.tcp.paced'),
    'ms',
  );
  checkScaled('ping round trip ≤ 1.1× the paced UDP floor', p50('ping.rtt'), 1.1, p50('floor.udp.paced'), 'ms');
  // A store's hops cost what a request's do: the slope of request time on hops along successors (the store's routing).
  const perHop = p50('lookup.request.N64.perhop') ?? p50('lookup.request.N7.perhop');
  const storeHops = p50('lookup.store.hops.N7');
  check(
    "store of 1 KiB at N=7 ≤ 1.5× one fsync'd atomic write + its hops",
    p50('lookup.store.actor.N7'),
    atomicWrite !== undefined && perHop !== undefined && storeHops !== undefined
      ? 1.5 * atomicWrite + storeHops * perHop
      : undefined,
    'ms',
    `1.5 × ${atomicWrite === undefined ? '—' : fmt(atomicWrite)} ms + ${storeHops ?? '—'} hops × ${perHop === undefined ? '—' : fmt(perHop)} ms`,
  );
  for (const [where, key] of [
    ['a thread per peer', 'throughput.N7.C16.ops'],
    ['the whole ring on 2 threads', 'throughput.N7.T2.C16.ops'],
  ] as const)
    check(
      `throughput at N=7, ${where}, 16 in flight, 20 % stores ≥ 3,000 ops/s (10× the 321 of issue 20)`,
      p50(key),
      3_000,
      'ops/s',
      'the issue',
      true,
    );
  const levels = [1, 16, 64].filter((c) => p50(`throughput.N7.C${c}.request`) !== undefined);
  out.push({
    target: 'latency under load reported at 1, 16 and 64 in flight (N=7)',
    measured: levels.length === 0 ? 'not measured' : `in flight: ${levels.join(', ')}`,
    met: levels.length === 0 ? null : levels.length === 3,
  });
  for (const size of ['1MiB', '64MiB']) {
    // Like for like: raw TCP moves bytes from memory to memory, so the ringdht row is the one whose files (the holder's
    // copy, the received file) live on the RAM disk; the row on os.tmpdir()'s disk stays in the figure. Without a RAM
    // disk, that row.
    const ram = p50(`transfer.ringdht-ramdisk.${size}`);
    checkScaled(
      `transfer of ${size.replace('MiB', ' MiB')} ≥ 0.6× raw TCP between two workers${ram === undefined ? '' : ' (files on the RAM disk)'}`,
      ram ?? p50(`transfer.ringdht.${size}`),
      0.6,
      p50(`transfer.rawtcp.${size}`),
      'MB/s',
      true,
    );
  }
  check(
    'soak (--full, 5 min at 32 in flight): RSS after the first minute flat within 10 %',
    p50('soak.rss.drift'),
    10,
    '%',
    'growth from minute 1 to the end',
  );
  check(
    "soak: every worker's heap after a full GC within 10 % of its start",
    p50('soak.heap.drift.max'),
    10,
    '%',
    'the largest change of any worker',
  );
  if (previous === undefined)
    out.push({ target: 'no figure worse than the last run', measured: 'no last run of this mode', met: null });
  else {
    const worse: string[] = [];
    for (const row of rows.filter(isOwnFigure)) {
      const before = previous.find((r) => r.name === row.name && r.unit === row.unit);
      if (before === undefined || before.p50 <= 0 || row.p50 <= 0 || row.p95 === null) continue; // distributions only
      const change = HIGHER_IS_BETTER.has(row.unit) ? before.p50 / row.p50 - 1 : row.p50 / before.p50 - 1;
      if (change > WORSE_TOLERANCE) worse.push(`${row.name} (${fmt(before.p50)} → ${fmt(row.p50)} ${row.unit})`);
    }
    out.push({
      target: `no figure worse than the last run (p50 more than ${100 * WORSE_TOLERANCE} % worse)`,
      measured:
        worse.length === 0
          ? 'none'
          : `${worse.length}: ${worse.slice(0, 6).join('; ')}${worse.length > 6 ? '; …' : ''}`,
      met: worse.length === 0,
    });
  }
  return out;
}
