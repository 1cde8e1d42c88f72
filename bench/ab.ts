// `node --import tsx bench/ab.ts OLD_CHECKOUT [--pairs P] [--seconds S] [--threads peer,1] [--scenario S] [-- PROFILE_ARGS...]`: CPU per
// operation of this checkout's code against another's (a worktree of main, say), each pair's two runs of
// `bench/profile.ts throughput --no-prof` (or `--scenario transfer`) at the same time, so both see the same load from whatever else runs on the
// machine. Not a figure: the A/B behind bench/README.md's CPU rounds.
//
// Why at the same time: on a machine shared with other runs, the same code's CPU per op moved by ±25 % from one run to
// the next when old and new took turns (the load changed between them), and mostly by ±5 % (up to ±13 % at load 20)
// between the two runs of a pair started together. Each run takes this checkout's bench/profile.ts, so only the code
// under test differs (and bench/lib, which each checkout keeps its own).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pairs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '6' },
    /** Hostings to measure: `peer` (a thread per peer) and thread counts. */
    threads: { type: 'string', default: 'peer,1' },
    /** The load profile.ts runs (throughput; transfer for the transfer rounds). */
    scenario: { type: 'string', default: 'throughput' },
  },
});
const [oldCheckout, ...profileArgs] = positionals;
if (oldCheckout === undefined || !existsSync(resolve(oldCheckout, 'src'))) {
  console.error('usage: bench/ab.ts OLD_CHECKOUT [--pairs P] [--seconds S] [--threads peer,1] [-- PROFILE_ARGS...]');
  process.exit(2);
}
const PROFILE = fileURLToPath(new URL('./profile.ts', import.meta.url));
const NEW_CHECKOUT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  ops: number;
  cpuUs: number;
  systemUs: number;
  /** The operations' latency, p50 (ms). */
  p50Ms: number;
}

/** One profile.ts run of `checkout`'s code: its own copy of profile.ts beside its sources, so imports resolve there. */
function run(checkout: string, hosting: string): Promise<Run> {
  const script = resolve(checkout, 'bench', '.ab-profile.ts');
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    checkout === NEW_CHECKOUT ? PROFILE : script,
    values.scenario!,
    '--no-prof',
    '--seconds',
    values.seconds!,
    ...(hosting === 'peer' ? [] : ['--threads', hosting]),
    ...profileArgs,
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: checkout, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    // Its stderr's end says why a run failed (a command that failed under load ends the run).
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-2000);
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const match = /"ops":(\d+).*latency p50 ([\d.]+) ms.*CPU (\d+) µs per op \(all threads; system (\d+)/.exec(out);
      if (code !== 0 || match === null)
        fail(new Error(`${checkout}: profile.ts exited ${code}: ${out.slice(-300)}${err.slice(-500)}`));
      else
        done({ ops: Number(match[1]), p50Ms: Number(match[2]), cpuUs: Number(match[3]), systemUs: Number(match[4]) });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const oldRoot = resolve(oldCheckout);
copyFileSync(PROFILE, resolve(oldRoot, 'bench', '.ab-profile.ts'));
// Modules of bench/lib the old checkout does not have yet (profile.ts may import them) are lent for the runs.
const lent = readdirSync(resolve(NEW_CHECKOUT, 'bench', 'lib'))
  .filter((name) => !existsSync(resolve(oldRoot, 'bench', 'lib', name)))
  .map((name) => {
    copyFileSync(resolve(NEW_CHECKOUT, 'bench', 'lib', name), resolve(oldRoot, 'bench', 'lib', name));
    return resolve(oldRoot, 'bench', 'lib', name);
  });
try {
  const ratios = new Map<string, number[]>();
  for (let pair = 1; pair <= Number(values.pairs); pair++)
    for (const hosting of values.threads!.split(',')) {
      const [before, after] = await Promise.all([run(oldRoot, hosting), run(NEW_CHECKOUT, hosting)]);
      const ratio = after.cpuUs / before.cpuUs;
      (ratios.get(hosting) ?? ratios.set(hosting, []).get(hosting)!).push(ratio);
      console.log(
        `pair ${pair}, ${hosting === 'peer' ? 'a thread per peer' : `${hosting} thread(s)`}: ` +
          `old ${before.ops} ops, ${before.cpuUs} (${before.systemUs}) µs/op, p50 ${before.p50Ms} ms; ` +
          `new ${after.ops} ops, ${after.cpuUs} (${after.systemUs}) µs/op, p50 ${after.p50Ms} ms; ratio ${ratio.toFixed(3)}`,
      );
    }
  for (const [hosting, rs] of ratios)
    console.log(`${hosting}: median CPU ratio new/old ${median(rs).toFixed(3)} over ${rs.length} pairs`);
} finally {
  rmSync(resolve(oldRoot, 'bench', '.ab-profile.ts'), { force: true });
  for (const path of lent) rmSync(path, { force: true });
}
