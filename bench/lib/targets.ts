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
