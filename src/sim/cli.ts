// `ringdht sim`: one seeded simulation run from the command line, its summary, and how to reproduce a failure.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatSummary, runScenario, type ScenarioOptions } from './scenario.ts';
import { MAX_SEED } from './random.ts';
import { defaultRouting, ROUTINGS, type Routing } from '../core/routing.ts';
import type { MachineFactory } from './types.ts';
import { MAX_ID_BITS } from '../config.ts';
import { DEFAULTS, second } from '../defaults.ts';
import { FAMILY_INVARIANTS, scenario as familyScenario, type Family } from './families.ts';

const FAMILIES = Object.keys(FAMILY_INVARIANTS) as Family[];

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
/** A real peer's default ping interval (the simulator's peers take a real peer's defaults). */
const PING_INTERVAL_S = DEFAULTS.pingIntervalMs / second;
const USAGE =
  'Usage: ringdht sim --peers N --id-bits M --seed S --duration SECONDS --churn RATE --loss P [--duplicate P] [--ops N] [--crashes N] [--partitions N] [--latency lan|wan] [--ping-interval SECONDS] [--routing successor|finger] [--fingers built|learned] [--json]\n       ringdht sim --family NAME [--seed S] [--json]';

export interface SimArgs {
  peers: number;
  idBits: number;
  seed: number;
  durationS: number;
  /** Membership events during the run, as a share of the peers: a third joins, a third departures, a third crashes. */
  churn: number;
  loss: number;
  duplicate: number;
  ops: number;
  crashes: number;
  partitions: number;
  latency: 'lan' | 'wan';
  pingIntervalS: number;
  routing: Routing;
  /** Finger routing: the ring's peers start with their ideal tables ('built') or find them with fix-fingers ('learned'). */
  fingers: 'built' | 'learned';
  /** A seed of a test family (src/sim/families.ts): the family decides the shape, the other options are ignored. */
  family?: Family;
  json: boolean;
}

export interface SimIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: SimIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

class UsageError extends Error {}

const VALUED = [
  'peers',
  'id-bits',
  'seed',
  'duration',
  'churn',
  'loss',
  'duplicate',
  'ops',
  'crashes',
  'partitions',
  'latency',
  'ping-interval',
  'routing',
  'fingers',
  'family',
];

function number(
  name: string,
  text: string | undefined,
  fallback: number,
  ok: (x: number) => boolean,
  what: string,
): number {
  if (text === undefined) return fallback;
  const value = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !ok(value))
    throw new UsageError(`--${name} "${text}" is not valid: it must be ${what}`);
  return value;
}

/** Parses the arguments after `sim`; throws UsageError with one clear sentence. */
export function parseSimArgs(argv: string[]): SimArgs {
  let parsed: { values: unknown };
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(VALUED.map((name) => [name, { type: 'string' as const }])),
        json: { type: 'boolean' as const },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n').join(' ')); // node's own words, on one line
  }
  const v = parsed.values as Record<string, string | undefined> & { json?: boolean };
  const int = (x: number) => Number.isInteger(x);
  const idBits = number(
    'id-bits',
    v['id-bits'],
    DEFAULTS.idBits,
    (x) => int(x) && x >= 1 && x <= MAX_ID_BITS,
    `an integer from 1 to ${MAX_ID_BITS}`,
  );
  const latency = v['latency'] ?? 'lan';
  if (latency !== 'lan' && latency !== 'wan')
    throw new UsageError(`--latency "${latency}" is not valid: it must be lan or wan`);
  const routing = v['routing'] ?? defaultRouting(idBits);
  if (!ROUTINGS.includes(routing as Routing))
    throw new UsageError(`--routing "${routing}" is not valid: it must be successor or finger`);
  const family = v['family'];
  if (family !== undefined && !FAMILIES.includes(family as Family))
    throw new UsageError(`--family "${family}" is not valid: it must be one of ${FAMILIES.join(', ')}`);
  const fingers = v['fingers'] ?? 'built';
  if (fingers !== 'built' && fingers !== 'learned')
    throw new UsageError(`--fingers "${fingers}" is not valid: it must be built or learned`);
  const args: SimArgs = {
    peers: number(
      'peers',
      v['peers'],
      100,
      (x) => int(x) && x >= 1 && x <= Math.min(2 ** idBits, 1_000_000),
      `an integer from 1 to ${Math.min(2 ** idBits, 1_000_000)} (the id space has ${2 ** idBits} ids)`,
    ),
    idBits,
    seed: number('seed', v['seed'], 1, (x) => int(x) && x >= 0 && x <= MAX_SEED, `an integer from 0 to ${MAX_SEED}`),
    durationS: number(
      'duration',
      v['duration'],
      60,
      (x) => x > 0 && x <= 86_400,
      'a number of simulated seconds, greater than 0 and at most 86400',
    ),
    churn: number(
      'churn',
      v['churn'],
      0,
      (x) => x >= 0 && x <= 10,
      'a share of the peers from 0 to 10 (0.1: a tenth of them join, leave or crash)',
    ),
    loss: number('loss', v['loss'], 0, (x) => x >= 0 && x <= 1, 'a probability from 0 to 1 (or a percentage, e.g. 5%)'),
    duplicate: number(
      'duplicate',
      v['duplicate'],
      0,
      (x) => x >= 0 && x <= 1,
      'a probability from 0 to 1 (or a percentage, e.g. 5%)',
    ),
    ops: number(
      'ops',
      v['ops'],
      100,
      (x) => int(x) && x >= 0 && x <= 10_000_000,
      'a whole number of stores and requests',
    ),
    crashes: number('crashes', v['crashes'], 0, (x) => int(x) && x >= 0, 'a whole number'),
    partitions: number('partitions', v['partitions'], 0, (x) => int(x) && x >= 0, 'a whole number'),
    latency,
    pingIntervalS: number(
      'ping-interval',
      v['ping-interval'],
      PING_INTERVAL_S,
      (x) => x > 0 && x <= 3600,
      'a number of seconds greater than 0',
    ),
    routing: routing as Routing,
    fingers,
    ...(family === undefined ? {} : { family: family as Family }),
    json: v.json ?? false,
  };
  return args;
}

/** The command that runs exactly this simulation again. */
export function commandLine(a: SimArgs): string {
  if (a.family !== undefined) return `ringdht sim --family ${a.family} --seed ${a.seed}${a.json ? ' --json' : ''}`;
  const parts = [
    `ringdht sim --peers ${a.peers} --id-bits ${a.idBits} --seed ${a.seed} --duration ${a.durationS} --churn ${a.churn} --loss ${a.loss}`,
  ];
  if (a.duplicate !== 0) parts.push(`--duplicate ${a.duplicate}`);
  if (a.ops !== 100) parts.push(`--ops ${a.ops}`);
  if (a.crashes !== 0) parts.push(`--crashes ${a.crashes}`);
  if (a.partitions !== 0) parts.push(`--partitions ${a.partitions}`);
  if (a.latency !== 'lan') parts.push(`--latency ${a.latency}`);
  if (a.pingIntervalS !== PING_INTERVAL_S) parts.push(`--ping-interval ${a.pingIntervalS}`);
  if (a.routing !== defaultRouting(a.idBits)) parts.push(`--routing ${a.routing}`);
  if (a.fingers !== 'built') parts.push(`--fingers ${a.fingers}`);
  if (a.json) parts.push('--json');
  return parts.join(' ');
}

export function scenarioOf(a: SimArgs): ScenarioOptions {
  if (a.family !== undefined) return familyScenario(a.family, a.seed);
  const churnEvents = Math.round(a.churn * a.peers);
  const third = Math.floor(churnEvents / 3);
  return {
    seed: a.seed,
    peers: a.peers,
    idBits: a.idBits,
    durationMs: a.durationS * 1000,
    loss: a.loss,
    duplicate: a.duplicate,
    latency: a.latency,
    ops: a.ops,
    partitions: a.partitions,
    crashes: a.crashes + third,
    joins: churnEvents - 2 * third,
    quits: third,
    pingIntervalMs: a.pingIntervalS * 1000,
    routing: a.routing,
    builtFingers: a.fingers === 'built',
  };
}

/** Runs one simulation and reports it; `machine` lets tests run a broken variant through the same path. */
export function runSim(a: SimArgs, io: SimIo = processIo, machine?: MachineFactory): number {
  const summary = runScenario({ ...scenarioOf(a), ...(machine === undefined ? {} : { machine }) });
  io.out(a.json ? JSON.stringify(summary) : formatSummary(summary));
  if (summary.violations.length === 0) return EXIT.ok;
  io.err(`invariant violated; reproduce with: ${commandLine(a)}`);
  return EXIT.failed;
}

/** What --help prints: the usage line, then each option with its default. */
const HELP = [
  USAGE,
  '',
  'Runs many peers (the same src/core the actors run) on a virtual clock over a simulated network, checks the',
  "ring's invariants after every step, and prints a summary; a failing run prints the command that reproduces it.",
  '',
  '  --peers N            peers in the ring (default 100)',
  `  --id-bits M          identifier bits, 1 to ${MAX_ID_BITS} (default ${DEFAULTS.idBits})`,
  '  --seed S             the seed that decides everything (default 1)',
  '  --duration SECONDS   simulated time of churn, loss and commands, before the ring is left to settle (default 60)',
  '  --churn RATE         share of the peers that join, leave or crash over the run, 0 to 10 (default 0)',
  '  --crashes N          peers that crash on top of the churn (default 0)',
  '  --partitions N       network partitions, each healed later (default 0)',
  '  --loss P             UDP datagrams (pings) lost, as 0.05 or 5% (default 0)',
  '  --duplicate P        UDP datagrams delivered twice, as 0.05 or 5% (default 0)',
  '  --ops N              stores and requests from random peers (default 100)',
  '  --latency lan|wan    per-link latency profile (default lan)',
  `  --ping-interval S    seconds between ping rounds (default ${PING_INTERVAL_S})`,
  '  --routing R          successor (default up to 8 bits) or finger (default above)',
  '  --fingers F          built: finger tables given at the start (default); learned: found by fix-fingers',
  `  --family NAME        one seed of a test family (${FAMILIES.join(', ')}): it decides the shape, other options are ignored`,
  '  --json               the summary as one JSON object',
].join('\n');

export async function simMain(argv: string[], io: SimIo = processIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return EXIT.ok;
  }
  let args: SimArgs;
  try {
    args = parseSimArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`ringdht sim: ${error.message}`);
    io.err(USAGE);
    return EXIT.usage;
  }
  return runSim(args, io);
}

// Runnable on its own until the main CLI dispatches to it: node --import tsx src/sim/cli.ts --peers 100 ...
function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (isMain()) {
  void simMain(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
