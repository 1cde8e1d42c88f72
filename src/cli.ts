// The `ringdht` command line: argument parsing and the subcommands (SPEC.md section 1).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { accessSync, constants, createReadStream, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { MAX_ID_BITS, resolveConfig, type Config, type ConfigOptions, type Setting } from './config.ts';
import { MAX_REPLICAS } from './core/replication.ts';
import { MAX_INDIRECT_PROBES } from './core/membership.ts';
import { DEFAULTS, second } from './defaults.ts';
import { RingdhtError } from './host/errors.ts';
import { addressingFor, createRing, type PeerSpec, type RingEvent, type RingOptions } from './host/ring.ts';
import { ROUTINGS, type Routing } from './core/routing.ts';
import { spaceSize } from './core/ring.ts';
import type { PeerAddress } from './wire/codec.ts';
import { parsePeerId } from './repl/commands.ts';
import { parsePeerAt, portOfPeer, type PeerAt } from './repl/peer-address.ts';
import { advertisedFor, loopbackProblem } from './host/advertise.ts';
import { DEFAULT_WIDTH, PINGS_MODES, Printer, type PingsMode } from './repl/output.ts';
import { runShell } from './repl/shell.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The narrowest id space (--id-bits), as the library and the simulator take it. */
const MIN_ID_BITS = 1;

/** Exit statuses (README "Exit codes"). */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Why a file given on the command line cannot be read, in a few words. */
function unreadable(error: unknown): string {
  const code = (error as { code?: string }).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EACCES'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'it is a directory'
        : (error as Error).message;
}

/** The ring secret from a file: its bytes, without the trailing newline an editor or `echo` leaves. */
function secretFile(path: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InvalidArgumentError(`cannot read the secret file "${path}": ${unreadable(error)}`);
  }
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  if (end < DEFAULTS.minSecretBytes) {
    throw new InvalidArgumentError(
      `the secret file "${path}" holds ${end} bytes: a ring secret must be at least ${DEFAULTS.minSecretBytes} (e.g. head -c 32 /dev/urandom | base64 > ${path})`,
    );
  }
  return bytes.subarray(0, end);
}

/** A script of commands: checked before any peer starts, so a typo is a usage error, not a failure midway. */
function scriptFile(path: string): string {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw new InvalidArgumentError(`cannot read the script file "${path}": ${unreadable(error)}`);
  }
  return path;
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can reach a peer bound there. */
function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Ids are parsed against the widest id space, then checked against --id-bits once options are known. */
function peerId(text: string): number {
  const parsed = parsePeerId(text.trim(), MAX_ID_BITS);
  if (!parsed.ok)
    throw new InvalidArgumentError(
      parsed.message.replace(
        /ids are integers 0 to \d+/,
        `ids are integers 0 to ${spaceSize(DEFAULTS.idBits) - 1} (--id-bits 8)`,
      ),
    );
  return parsed.id;
}

/** A peer given on the command line: ID, or ID@HOST[:PORT] (another process or machine; the port defaults to
 *  BASE_PORT + id on 8-bit rings). */
interface PeerRef {
  id: number;
  at?: PeerAt;
}

function peerRef(text: string): PeerRef {
  if (!text.includes('@')) return { id: peerId(text) };
  const parsed = parsePeerAt(text.trim(), MAX_ID_BITS);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.message);
  return { id: parsed.peer.id, at: parsed.peer };
}

function peerRefs(text: string): PeerRef[] {
  return text
    .split(',')
    .filter((p) => p.trim() !== '')
    .map((p) => {
      const ref = peerRef(p.trim());
      if (ref.at === undefined) throw new InvalidArgumentError(`"${p}" is not a peer address: write ID@HOST[:PORT]`);
      return ref;
    });
}

/** HOST or HOST:PORT ([IPv6]:PORT). */
function advertise(text: string): { host: string; port?: number } {
  const parsed = parsePeerAt(`0@${text}`, MAX_ID_BITS);
  if (!parsed.ok)
    throw new InvalidArgumentError(
      `"${text}" is not an address to advertise: write HOST or HOST:PORT, HOST an IP address or a host name other peers can reach`,
    );
  const { host, port } = parsed.peer;
  return port === undefined ? { host } : { host, port };
}

function zone(text: string): string {
  if (!/^[\x21-\x7e]{1,64}$/.test(text))
    throw new InvalidArgumentError(`"${text}" is not a zone: 1 to 64 printable characters without spaces`);
  return text;
}

/** Ids within --id-bits; throws one clear sentence. */
function checkPeers(refs: PeerRef[], idBits: number): void {
  for (const { id } of refs) {
    if (id >= spaceSize(idBits))
      throw new InvalidArgumentError(`peer id "${id}" is out of range: ids are integers 0 to ${spaceSize(idBits) - 1}`);
  }
}

/** Where a peer outside this process listens: given as ID@HOST[:PORT], or on 8-bit rings BASE_PORT + id on --host. */
function knownAddress(ref: PeerRef, options: CommonOptions): PeerAddress[] {
  if (ref.at === undefined) {
    if (addressingFor(options.idBits) === 'ports') return [];
    throw new InvalidArgumentError(
      `Peer ${ref.id}: with --id-bits ${options.idBits} ids do not map onto ports, so give it as ID@HOST:PORT`,
    );
  }
  const port = portOfPeer(ref.at, options.idBits, options.basePort);
  if (typeof port === 'string') throw new InvalidArgumentError(port);
  return [{ id: ref.id, host: ref.at.host, port }];
}

function idBits(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < MIN_ID_BITS || value > MAX_ID_BITS)
    throw new InvalidArgumentError(
      `"${text}" is not a number of id bits: an integer from ${MIN_ID_BITS} to ${MAX_ID_BITS}`,
    );
  return value;
}

function routing(text: string): Routing {
  if (!ROUTINGS.includes(text as Routing))
    throw new InvalidArgumentError(`"${text}" is not a routing: successor or finger`);
  return text as Routing;
}

function pingsMode(text: string): PingsMode {
  if (!PINGS_MODES.includes(text as PingsMode))
    throw new InvalidArgumentError(`"${text}" is not a pings mode: on, changes or off`);
  return text as PingsMode;
}

function threads(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 256)
    throw new InvalidArgumentError(`"${text}" is not a number of threads: a whole number from 0 to 256`);
  return value;
}

function onePort(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 65_535)
    throw new InvalidArgumentError(`"${text}" is not a port: an integer from 1 to 65535`);
  return value;
}

/** --base-port: 0 (above 8 bits only, which the settings check) gives each peer any free port. */
function basePort(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65_535 - 255)
    throw new InvalidArgumentError(
      `"${text}" is not a base port: an integer from 1 to ${65_535 - 255}, or 0 (any free port, above 8 bits)`,
    );
  return value;
}

/** --web's port: 0 lets the system choose a free one. */
function viewPort(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65_535)
    throw new InvalidArgumentError(
      `"${text}" is not a port for the live view: an integer from 0 (any free port) to 65535`,
    );
  return value;
}

function seconds(text: string): number {
  const value = Number(text);
  if (!/^\s*(\d+\.?\d*|\.\d+)\s*$/.test(text) || !(value > 0) || value > 86_400) {
    throw new InvalidArgumentError(
      `"${text}" is not a number of seconds (greater than 0, fractions allowed, e.g. 0.2 or 30)`,
    );
  }
  return value;
}

function mebibytes(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 4095)
    throw new InvalidArgumentError(`"${text}" is not a size in MiB: an integer from 1 to 4095`);
  return value * 1024 * 1024;
}

/** `2:4,5` (a peer and its successors) or `2` (successors derived from the other peers). */
function peerSpec(text: string, previous: PeerSpec[] = []): PeerSpec[] {
  const match = /^([^:]+)(?::(.*))?$/.exec(text);
  if (match === null)
    throw new InvalidArgumentError(`"${text}" is not a peer: write ID or ID:SUCCESSOR,SUCCESSOR, e.g. 2:4,5`);
  const id = peerId(match[1]!);
  if (match[2] === undefined) return [...previous, { id }];
  const successors = match[2].split(',').map(peerId);
  if (successors.length !== 2) throw new InvalidArgumentError(`"${text}" must name two successors, e.g. 2:4,5`);
  return [...previous, { id, successors }];
}

function peerList(text: string): number[] {
  return text
    .split(',')
    .filter((p) => p.trim() !== '')
    .map(peerId);
}

interface CommonOptions {
  json?: boolean;
  pings: PingsMode;
  basePort: number;
  host: string;
  dataDir: string;
  filesDir: string;
  script?: string;
  opTimeout: number;
  hopTimeout?: number;
  joinTimeout: number;
  maxFileSize: number;
  pingMissLimit: number;
  /** The old spelling of --ping-miss-limit, still taken. */
  pingMisses?: number;
  idBits: number;
  routing?: Routing;
  threads?: number;
  replicas: number;
  /** Successors each peer keeps (r): the successorCount setting. */
  successors?: number;
  /** Helpers a silent successor is probed through (SWIM's k). */
  indirectProbes: number;
  writeQuorum?: number;
  secretFile?: Uint8Array;
  adoptData?: boolean;
  advertise?: { host: string; port?: number };
  zone?: string;
  seeds?: PeerRef[];
  /** Ring processes: serve the live view (true: on its default port). */
  web?: number | true;
}

function count(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 1000)
    throw new InvalidArgumentError(`"${text}" is not a count: a whole number from 1 to 1000`);
  return value;
}

function probeCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > MAX_INDIRECT_PROBES)
    throw new InvalidArgumentError(
      `"${text}" is not a number of helpers: a whole number from 0 to ${MAX_INDIRECT_PROBES}`,
    );
  return value;
}

function replicaCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_REPLICAS)
    throw new InvalidArgumentError(`"${text}" is not a number of copies: a whole number from 1 to ${MAX_REPLICAS}`);
  return value;
}

/** After a usage error: the command's usage in one line, and where to read more. */
function usageOf(command: Command): string {
  const name = command.parent ? `ringdht ${command.name()}` : 'ringdht';
  return `Usage: ${name} ${command.usage()}   (${name} --help for more)`;
}

/** `--port` of a one-peer process (init, join). */
function portOption(): Option {
  return new Option(
    '--port <port>',
    "this peer's UDP and TCP port (needed above 8 bits; 8-bit peers use BASE_PORT + id)",
  ).argParser(onePort);
}

function withCommonOptions(command: Command): Command {
  command.showHelpAfterError(usageOf(command));
  return command
    .option('--json', 'print one JSON object per line instead of text (SPEC.md section 5)')
    .addOption(
      new Option('--pings <mode>', 'ping lines shown: on (every one), changes (misses, deaths, recoveries), off')
        .argParser(pingsMode)
        .default('on'),
    )
    .addOption(
      new Option(
        '--base-port <port>',
        'peer N listens on UDP and TCP port BASE + N (above 8 bits: ports from BASE on; 0: any free port each)',
      )
        .env('RINGDHT_BASE_PORT')
        .argParser(basePort)
        .default(DEFAULTS.basePort),
    )
    .option('--host <address>', 'the address peers bind (0.0.0.0 or :: for every interface)', DEFAULTS.host)
    .addOption(
      new Option(
        '--advertise <host[:port]>',
        'the address other peers are told (NAT, containers); default: the bound one (with 0.0.0.0: the one non-loopback address)',
      ).argParser(advertise),
    )
    .addOption(
      new Option(
        '--seeds <peers>',
        'ID@HOST[:PORT],... retried while alone or cut off, so rings merge again',
      ).argParser(peerRefs),
    )
    .addOption(
      new Option(
        '--zone <name>',
        'where copies are spread: one per zone where the ring has several (default: the advertised host)',
      ).argParser(zone),
    )
    .option('--data-dir <dir>', 'where peers keep their files (peer-<id>/ inside)', DEFAULTS.dataDir)
    .option(
      '--files-dir <dir>',
      'where store reads files and request writes received_<NAME>.pdf (other names: received_<NAME>)',
      DEFAULTS.filesDir,
    )
    .addOption(
      new Option('--script <file>', 'read commands from a file instead of standard input').argParser(scriptFile),
    )
    .option(
      '--adopt-data',
      'start on a data directory of another ring or peer: its files keep their versions, newer copies in the ring win',
    )
    .addOption(
      new Option('--ping-miss-limit <K>', 'unanswered pings in a row before a successor is declared gone')
        .argParser(count)
        .default(DEFAULTS.pingMissLimit),
    )
    .addOption(new Option('--ping-misses <K>').argParser(count).conflicts('pingMissLimit').hideHelp())
    .addOption(
      new Option(
        '--successors <r>',
        `successors each peer keeps and pings (2 to 32; default: ${DEFAULTS.successorCount} with 8-bit ids, ${DEFAULTS.wideSuccessorCount} above)`,
      ).argParser(count),
    )
    .addOption(
      new Option('--indirect-probes <k>', 'peers a silent successor is probed through before a miss counts (0 to 16)')
        .argParser(probeCount)
        .default(DEFAULTS.indirectProbes),
    )
    .addOption(
      new Option('--replicas <R>', 'copies of every file: the responsible peer and the next R-1 peers (1 to 3)')
        .argParser(replicaCount)
        .default(DEFAULTS.replicas),
    )
    .addOption(
      new Option('--write-quorum <W>', 'durable copies a store waits for before it completes (1 to R)')
        .argParser(replicaCount)
        .default(undefined, `${DEFAULTS.writeQuorum}, at most R`),
    )
    .addOption(
      new Option('--op-timeout <seconds>', 'a store or request fails after this long')
        .argParser(seconds)
        .default(DEFAULTS.opTimeoutMs / 1000),
    )
    .addOption(
      // Over a slow link or a loaded machine a hop's answer may take longer than the ping timeout (at most 2 s): past
      // it the lookup or copy tries another way, which costs more than waiting would have.
      new Option(
        '--hop-timeout <seconds>',
        'the least a peer waits for the next one to take a hop or a copy before trying another way (longer while acknowledgements come slowly; default: the ping timeout, at least 0.5 s; at most --op-timeout)',
      ).argParser(seconds),
    )
    .addOption(
      // Over a slow or distant link the default may be short; past it the newcomer stays out (a late answer is ignored).
      new Option(
        '--join-timeout <seconds>',
        'a join fails when the known peer has not placed this peer within this long',
      )
        .argParser(seconds)
        .default(DEFAULTS.joinTimeoutMs / 1000),
    )
    .addOption(
      new Option(
        '--id-bits <M>',
        'ids are integers 0 to 2^M - 1 (M from 1 to 32); above 8, peers are given as ID@HOST:PORT',
      )
        .argParser(idBits)
        .default(DEFAULTS.idBits),
    )
    .addOption(
      new Option(
        '--routing <how>',
        'successor (default for 8-bit ids, as the original) or finger (Chord: O(log N) hops; default above 8 bits)',
      ).argParser(routing),
    )
    .addOption(
      new Option(
        '--threads <T>',
        'worker threads hosting the peers, several per thread (default: one thread per peer; 0: the peers run in the main thread, lighter, but an exception in one ends the process)',
      ).argParser(threads),
    )
    .addOption(
      new Option('--max-file-size <MiB>', 'the largest file a peer stores or receives')
        .argParser(mebibytes)
        .default(DEFAULTS.maxFileBytes, '64'),
    )
    .addOption(
      new Option(
        '--secret-file <path>',
        'the ring secret: every message is authenticated with it, and peers without it are not heard',
      )
        .env('RINGDHT_SECRET_FILE')
        .argParser(secretFile),
    );
}

/** The flag of each setting the command line takes (its name in kebab-case, in seconds or MiB where the name ends in Ms or Bytes). */
const FLAGS: Partial<Record<Setting, string>> = {
  basePort: '--base-port',
  host: '--host',
  advertise: '--advertise',
  zone: '--zone',
  seeds: '--seeds',
  join: '--join',
  known: 'ID@HOST:PORT',
  dataDir: '--data-dir',
  filesDir: '--files-dir',
  pingIntervalMs: '--ping-interval',
  pingMissLimit: '--ping-miss-limit',
  successorCount: '--successors',
  indirectProbes: '--indirect-probes',
  replicas: '--replicas',
  writeQuorum: '--write-quorum',
  opTimeoutMs: '--op-timeout',
  hopTimeoutMs: '--hop-timeout',
  joinTimeoutMs: '--join-timeout',
  idBits: '--id-bits',
  routing: '--routing',
  threads: '--threads',
  maxFileBytes: '--max-file-size',
  secret: '--secret-file',
};

/** The resolved settings, or a usage error that names the flags at fault. */
function settingsOf(options: ConfigOptions): Config {
  try {
    return resolveConfig(options, (setting) => FLAGS[setting] ?? setting);
  } catch (error) {
    if (error instanceof RingdhtError && error.code === 'BAD_OPTION') throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** Starts the peers, runs the shell until exit or end of input, shuts down; resolves to the exit status. */
async function runProcess(
  peers: PeerSpec[],
  pingIntervalS: number,
  options: CommonOptions,
  ringProcess: boolean,
  joining?: { peer: number; via: number; port?: number },
  known: PeerAddress[] = [],
  joinThrough?: PeerAddress,
): Promise<number> {
  const settings = settingsOf({
    ...(options.advertise === undefined ? {} : { advertise: options.advertise }),
    ...(options.zone === undefined ? {} : { zone: options.zone }),
    seeds: (options.seeds ?? []).flatMap((s) => knownAddress(s, options)),
    ...(joinThrough === undefined ? {} : { join: joinThrough }),
    idBits: options.idBits,
    ...(options.routing === undefined ? {} : { routing: options.routing }),
    // A one-peer process runs its peer in the main thread: a worker would cost it about 11 MB and 50 ms of start-up.
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    known,
    basePort: options.basePort,
    host: options.host,
    pingIntervalMs: pingIntervalS * 1000,
    pingMissLimit: options.pingMisses ?? options.pingMissLimit,
    opTimeoutMs: options.opTimeout * 1000,
    ...(options.hopTimeout === undefined ? {} : { hopTimeoutMs: options.hopTimeout * 1000 }),
    joinTimeoutMs: options.joinTimeout * 1000,
    replicas: options.replicas,
    ...(options.successors === undefined ? {} : { successorCount: options.successors }),
    indirectProbes: options.indirectProbes,
    ...(options.writeQuorum === undefined ? {} : { writeQuorum: options.writeQuorum }),
    dataDir: options.dataDir,
    filesDir: options.filesDir,
    maxFileBytes: options.maxFileSize,
    receiveLayout: ringProcess ? 'per-peer' : 'flat',
    secret: options.secretFile ?? null,
    adoptData: options.adoptData === true,
  });
  // What the peers tell others: a bind to 0.0.0.0 takes the machine's one address (said here), or is refused.
  let advertised: string;
  try {
    const chosen = advertisedFor(settings);
    advertised = chosen.host;
    const problem = loopbackProblem(advertised, settings);
    if (problem !== undefined) throw new RingdhtError('BAD_OPTION', problem);
    if (chosen.chosen !== undefined)
      process.stderr.write(
        `ringdht: listening on ${options.host}, telling other peers ${chosen.host} (${chosen.chosen})\n`,
      );
  } catch (error) {
    if (error instanceof RingdhtError) throw new InvalidArgumentError(error.message);
    throw error;
  }
  if (options.secretFile === undefined && !isLoopback(options.host)) {
    process.stderr.write(
      `ringdht: warning: listening on ${options.host} without a ring secret: anyone who can reach these ports can join, store, request and forge messages (give every peer the same --secret-file)\n`,
    );
  }
  const json = options.json === true;
  let above: ((stream: Writable, text: string) => void) | undefined;
  const printer = new Printer({
    json,
    prefix: ringProcess,
    startedAt: performance.timeOrigin + performance.now(),
    pings: options.pings,
    // Tables fit the terminal; written to a file or a pipe, COLUMNS or a width that reads well in an editor.
    width: () => (process.stdout.isTTY ? process.stdout.columns : Number(process.env.COLUMNS) || DEFAULT_WIDTH),
    out: (text) => (above ? above(process.stdout, text) : process.stdout.write(`${text}\n`)),
    err: (text) => (above ? above(process.stderr, text) : process.stderr.write(`${text}\n`)),
  });
  let crashed = false;
  // From the first event on: an actor reports damaged files as it opens, before createRing returns.
  const onEvent = (event: RingEvent) => {
    if (event.kind === 'crashed') crashed = true;
    printer.event(event);
  };
  // In a ring process one peer's unusable data directory leaves that peer out, not the whole ring.
  const ringOptions: RingOptions = { ...settings, peers, start: false, onEvent, leaveOutFailed: ringProcess };
  const ring = await createRing(ringOptions).catch((error: unknown) => {
    if (error instanceof RingdhtError) {
      process.stderr.write(`ringdht: ${error.message}\n`);
      return undefined;
    }
    throw error;
  });
  if (ring === undefined) return EXIT.failed;
  for (const { peer, error } of ring.notStarted)
    printer.refused(`start ${peer}`, `ringdht: Peer ${peer} did not start: ${error}`, peer);

  const stop = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    if (++interrupts > 1) process.exit(130); // a second Ctrl-C forces
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let status: number = EXIT.failed;
  try {
    const started = await ring.startAll().then(
      () => true,
      (error: unknown) => {
        if (!(error instanceof RingdhtError)) throw error;
        printer.refused('join', `ringdht: ${error.message}`);
        return false;
      },
    );
    if (!started) return EXIT.failed;
    if (joining !== undefined) {
      // A port in use (by another program, or the same peer already running here) is one line and status 1, as at start-up.
      const joined = await ring.join(joining.peer, joining.via, joining.port).catch((error: unknown) => {
        if (!(error instanceof RingdhtError)) throw error;
        printer.refused(`join ${joining.peer} via ${joining.via}`, `ringdht: ${error.message}`, joining.peer);
        return undefined;
      });
      if (joined === undefined) return EXIT.failed;
      if (!joined.ok) {
        printer.refused(
          `join ${joining.peer} via ${joining.via}`,
          `ringdht: Peer ${joining.peer} could not join: ${joined.error}`,
          joining.peer,
        );
        return EXIT.failed;
      }
    }
    if (options.web !== undefined) {
      const view = await ring
        .serveView({ port: options.web === true ? DEFAULTS.viewPort : options.web })
        .catch((error: unknown) => {
          if (!(error instanceof RingdhtError)) throw error;
          process.stderr.write(`ringdht: ${error.message}\n`);
          return undefined;
        });
      if (view === undefined) return EXIT.failed;
      process.stderr.write(`ringdht: live view at ${view.url}\n`);
      if (!isLoopback(options.host))
        process.stderr.write(
          `ringdht: warning: the live view listens on ${options.host}: anyone who can reach ${view.url} can store, request, kill and quit peers here\n`,
        );
    }
    const interactive = options.script === undefined && process.stdin.isTTY === true;
    const input: Readable = options.script === undefined ? process.stdin : createReadStream(options.script);
    if (interactive && !json) {
      process.stderr.write(
        `ringdht ${version}: peers ${ring.ids().join(', ')} on ${advertised}, base port ${options.basePort}. Type help for commands.\n`,
      );
    }
    status = await runShell({
      ring,
      printer,
      input,
      interactive,
      output: process.stdout,
      ringProcess,
      idBits: options.idBits,
      signal: stop.signal,
      onWriter: (write) => (above = write),
    });
  } finally {
    // exit, end of input, Ctrl-C and SIGTERM: every local peer departs gracefully, then everything is closed.
    await ring.close({ depart: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (options.script === undefined) process.stdin.destroy();
  }
  return crashed || ring.notStarted.length > 0 ? EXIT.failed : status;
}

/** A one-peer process's port: --port (required above 8 bits), or BASE_PORT + id on 8-bit rings. */
function portOf(peer: number, options: CommonOptions & { port?: number }): { port?: number } {
  if (addressingFor(options.idBits) === 'ports') {
    if (options.port !== undefined && options.port !== options.basePort + peer)
      throw new InvalidArgumentError(
        `--port: a peer of an 8-bit ring listens on BASE_PORT + id (${options.basePort + peer}); use --base-port`,
      );
    return {};
  }
  if (options.port === undefined)
    throw new InvalidArgumentError(`with --id-bits ${options.idBits} ids do not map onto ports: give this peer --port`);
  return { port: options.port };
}

function program(setStatus: (status: Promise<number>) => void): Command {
  const cli = new Command('ringdht')
    .description('A peer-to-peer network on a circular distributed hash table (Chord family).')
    .version(version, '-V, --version')
    .usage('<ring|init|join|sim> [options] [arguments]')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  cli.showHelpAfterError(usageOf(cli));
  cli.addHelpText(
    'after',
    `
Examples:
  ./init.sh                                   the example ring of 7 peers in one process (PING_INTERVAL=30)
  ringdht ring --peers 2,4,5,8,9,14,19        the same ring, successors derived; type help at the prompt
  ringdht ring 2:4,5 4:5,2 5:2,4 --script s.txt
                                              a ring of 3 running the commands in s.txt, one after another
  ringdht init 2 4 5 30                       one peer, as the original: peer 2, successors 4 and 5, pings every 30 s
  ringdht join 15 4 30                        a new peer 15 joins the ring through peer 4
  ringdht ring --peers 2,4,5 --json           every line as a JSON object (SPEC.md section 5)
  ringdht ring --peers 2,4,5,8,9,14,19 --web  the same ring, drawn live at http://127.0.0.1:${DEFAULTS.viewPort}/
  ringdht sim --family lossy --seed 3         one seeded run of the simulator (ringdht sim --help)
  ringdht help ring                           the options of one command`,
  );

  withCommonOptions(
    cli
      .command('ring')
      .description('any ring in one process, with a REPL: e.g. ring 2:4,5 4:5,8 ... or ring --peers 2,4,5,8')
      .argument('[SPEC...]', 'peers as ID:SUCCESSOR,SUCCESSOR (or ID alone: successors derived)', peerSpec)
      .option('--peers <ids>', 'comma-separated peer ids; successors derived', peerList)
      .option(
        '--web [port]',
        `serve the live view of the ring on http://HOST:PORT/ (default port ${DEFAULTS.viewPort}; 0: any free port)`,
        viewPort,
      )
      .addOption(
        new Option(
          '--join <ID@HOST:PORT>',
          "this process's peers join the ring of that peer rather than forming one",
        ).argParser(peerRef),
      )
      .addOption(
        new Option('--ping-interval <seconds>', 'how often peers ping their successors')
          .env('PING_INTERVAL')
          .argParser(seconds)
          .default(DEFAULTS.pingIntervalMs / second),
      ),
  ).action(
    (
      specs: PeerSpec[] | undefined,
      options: CommonOptions & { peers?: number[]; pingInterval: number; join?: PeerRef },
    ) => {
      const fromSpecs = specs ?? [];
      if (fromSpecs.length > 0 && options.peers !== undefined)
        throw new InvalidArgumentError('give the peers either as SPEC arguments or with --peers, not both');
      const peers: PeerSpec[] = options.peers !== undefined ? options.peers.map((id) => ({ id })) : fromSpecs;
      if (peers.length === 0)
        throw new InvalidArgumentError(
          'no peers given: e.g. ringdht ring 2:4,5 4:5,2 5:2,4 or ringdht ring --peers 2,4,5',
        );
      checkPeers(
        peers.flatMap((p) => [p.id, ...(p.successors ?? [])]).map((id) => ({ id })),
        options.idBits,
      );
      if (addressingFor(options.idBits) === 'carried' && options.basePort + peers.length > 65_535)
        throw new InvalidArgumentError(`${peers.length} peers from base port ${options.basePort} go past port 65535`);
      const ids = new Set<number>();
      for (const { id } of peers) {
        if (ids.has(id)) throw new InvalidArgumentError(`Peer ${id} is given twice`);
        ids.add(id);
      }
      let through: PeerAddress | undefined;
      if (options.join !== undefined) {
        if (options.join.at === undefined)
          throw new InvalidArgumentError(`--join ${options.join.id}: give where that peer listens, ID@HOST[:PORT]`);
        checkPeers([options.join], options.idBits);
        if (ids.has(options.join.id))
          throw new InvalidArgumentError(`--join ${options.join.id}: that peer is one of this process's own`);
        through = knownAddress(options.join, options)[0];
      }
      setStatus(runProcess(peers, options.pingInterval, options, true, undefined, [], through));
    },
  );

  withCommonOptions(
    cli
      .command('init')
      .description("one peer in this process, started with known successors (the original's init)")
      .argument('<PEER>', "this peer's id, 0 to 255 (to 2^M - 1 with --id-bits M)", peerId)
      .argument('<S1>', 'its first successor (ID@HOST:PORT above 8 bits)', peerRef)
      .argument('<S2>', 'its second successor (ID@HOST:PORT above 8 bits)', peerRef)
      .argument('<PING_INTERVAL>', 'seconds between pings (fractions allowed)', seconds)
      .addOption(portOption()),
  ).action((peer: number, s1: PeerRef, s2: PeerRef, interval: number, options: CommonOptions & { port?: number }) => {
    checkPeers([{ id: peer }, s1, s2], options.idBits);
    const known = [s1, s2].filter((s) => s.id !== peer).flatMap((s) => knownAddress(s, options));
    setStatus(
      runProcess(
        [{ id: peer, successors: [s1.id, s2.id], ...portOf(peer, options) }],
        interval,
        options,
        false,
        undefined,
        known,
      ),
    );
  });

  // Listed for --help; main() runs it before commander parses anything.
  cli
    .command('sim')
    .description('the same protocol under simulation: virtual time, loss, partitions, churn (ringdht sim --help)');

  withCommonOptions(
    cli
      .command('join')
      .description("one peer that joins an existing ring through a known peer (the original's join)")
      .argument('<PEER>', "this peer's id, 0 to 255 (to 2^M - 1 with --id-bits M)", peerId)
      .argument('<KNOWN_PEER>', 'any peer already in the ring (ID@HOST:PORT above 8 bits)', peerRef)
      .argument('<PING_INTERVAL>', 'seconds between pings (fractions allowed)', seconds)
      .addOption(portOption()),
  ).action((peer: number, known: PeerRef, interval: number, options: CommonOptions & { port?: number }) => {
    checkPeers([{ id: peer }, known], options.idBits);
    if (peer === known.id)
      throw new InvalidArgumentError(`Peer ${peer} cannot join through itself: give a peer already in the ring`);
    const address = knownAddress(known, options);
    setStatus(runProcess([], interval, options, false, { peer, via: known.id, ...portOf(peer, options) }, address));
  });
  return cli;
}

async function main(argv: string[]): Promise<number> {
  // The simulator has its own arguments (and no peers, sockets or REPL): hand it the rest as it is. Loaded only
  // then: a peer's process need not hold the simulator (and the whole protocol core) in its main thread.
  if (argv[0] === 'sim') {
    if (argv.includes('--version') || argv.includes('-V')) {
      process.stdout.write(`${version}\n`);
      return EXIT.ok;
    }
    return (await import('./sim/cli.ts')).simMain(argv.slice(1));
  }
  if (argv[0] === 'help' && argv[1] === 'sim') return (await import('./sim/cli.ts')).simMain(['--help']);
  let status: Promise<number> = Promise.resolve(EXIT.ok);
  const cli = program((s) => (status = s));
  const usageError = (error: InvalidArgumentError) => {
    const command = cli.commands.find((c) => c.name() === argv[0]) ?? cli;
    process.stderr.write(`error: ${error.message}\n${usageOf(command)}\n`);
    return EXIT.usage;
  };
  try {
    await cli.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // Thrown by an action (commander reports its own parsing errors itself); a subclass of CommanderError, so first.
    if (error instanceof InvalidArgumentError) return usageError(error);
    if (error instanceof CommanderError) {
      // --help, `help COMMAND` and --version succeed; everything else (including help shown because no command was
      // given) is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  if (argv.length === 0) {
    process.stderr.write(`error: no command given\n${usageOf(cli)}\n`);
    return EXIT.usage;
  }
  // Options that depend on each other are checked as the process starts: still a usage error.
  return status.catch((error: unknown) => {
    if (error instanceof InvalidArgumentError) return usageError(error);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
