// The REPL command parser: one input line -> a command, a blank/comment line, or a message the user can act on (pure, no I/O).
import { fileNameProblem, spaceSize } from '../core/ring.ts';
import { PINGS_MODES, type PingsMode } from './output.ts';
import { parsePeerAt } from './peer-address.ts';

export type Command =
  | { kind: 'store'; name: string; path?: string; empty?: boolean }
  | { kind: 'request'; name: string }
  | { kind: 'quit' }
  | { kind: 'kill'; peer: number }
  /** `via`: a peer's id, or where one listens (ID@HOST[:PORT], another process or machine). */
  | { kind: 'join'; peer: number; via?: number | { id: number; host: string; port?: number } }
  | { kind: 'status' }
  /** `all`: every counter, zeros included. */
  | { kind: 'stats'; all?: boolean }
  | { kind: 'pings'; mode: PingsMode }
  | { kind: 'help' }
  | { kind: 'exit' }
  | { kind: 'use'; peer: number }
  | { kind: 'sleep'; seconds: number };

export type ParsedLine =
  /** A blank or comment-only line. */
  | { kind: 'empty' }
  /**
   * `target` is N of "@N ..."; `text` is the command as typed, normalised: lower-case verb, single
   * spaces, no comment, no "@N", ids in plain decimal (e.g. "store 2067"). A PATH is kept verbatim.
   */
  | { kind: 'command'; target?: number; command: Command; text: string }
  /** One sentence a user can act on. */
  | { kind: 'error'; message: string };

/** `ring`: a ring process (many peers, a current one); otherwise a one-peer process. */
export interface ParseContext {
  ring: boolean;
  idBits: number;
}

/** The longest `sleep`, in seconds: a typo such as `sleep 600000` should not hang a script for days. */
export const MAX_SLEEP_SECONDS = 3600;

const PLAIN_DIGITS = /^[0-9]+$/;
// Fractions allowed ("0.2", ".5"), but no sign, exponent or hex: a script should read as it runs.
const PLAIN_DECIMAL = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

export type PeerIdResult = { ok: true; id: number } | { ok: false; message: string };

/** A peer id as a user types it: plain decimal digits, in [0, 2^idBits). */
export function parsePeerId(text: string, idBits: number): PeerIdResult {
  const range = `ids are integers 0 to ${spaceSize(idBits) - 1}`;
  if (!PLAIN_DIGITS.test(text)) return { ok: false, message: `peer id "${text}" is not a number: ${range}` };
  const id = Number(text);
  if (id >= spaceSize(idBits)) return { ok: false, message: `peer id "${text}" is out of range: ${range}` };
  return { ok: true, id };
}

interface Token {
  text: string;
  end: number;
}

/** The line up to its comment: `#` starts one only at the start of a token, so `file#1.pdf` is a path. */
function withoutComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

function tokenize(body: string): Token[] {
  return [...body.matchAll(/\S+/g)].map((m) => ({ text: m[0], end: m.index + m[0].length }));
}

const RING_ONLY = 'only exists in a ring process (./init.sh or ringdht ring), and this process runs one peer';

/** Commands that act on the process or the session, not on one peer, so "@N" makes no sense for them. */
const NOT_FOR_ONE_PEER: Partial<Record<Command['kind'], string>> = {
  use: 'it changes the current peer',
  exit: 'it stops every local peer',
  help: 'it lists the commands',
  sleep: 'it pauses the whole session',
  kill: 'it acts on the process',
  join: 'it starts a new peer',
  pings: 'it sets what this session shows of every peer',
};

type Result = { ok: true; command: Command; text: string } | { ok: false; message: string };

function fail(message: string): Result {
  return { ok: false, message };
}

export function parseLine(line: string, ctx: ParseContext): ParsedLine {
  const body = withoutComment(line);
  const tokens = tokenize(body);
  const first = tokens[0];
  if (first === undefined) return { kind: 'empty' };

  if (!first.text.startsWith('@')) {
    const r = parseCommand(body, tokens, ctx);
    return r.ok ? { kind: 'command', command: r.command, text: r.text } : { kind: 'error', message: r.message };
  }

  if (!ctx.ring) return { kind: 'error', message: `"@N" ${RING_ONLY}: type the command without "${first.text}"` };
  const peerText = first.text.slice(1);
  if (peerText === '') return { kind: 'error', message: '"@" needs a peer id right after it, e.g. @9 status' };
  const target = parsePeerId(peerText, ctx.idBits);
  if (!target.ok) return { kind: 'error', message: target.message };
  const rest = tokens.slice(1);
  if (rest.length === 0)
    return { kind: 'error', message: `${first.text} needs a command after it, e.g. ${first.text} status` };
  if (rest[0]!.text.startsWith('@')) {
    return { kind: 'error', message: `a line can name one peer only, but it names ${first.text} and ${rest[0]!.text}` };
  }

  const r = parseCommand(body, rest, ctx);
  if (!r.ok) return { kind: 'error', message: r.message };
  const why = NOT_FOR_ONE_PEER[r.command.kind];
  if (why !== undefined) {
    // join through N is what "@N join P" most likely meant, so suggest exactly that.
    const instead = r.command.kind === 'join' && r.command.via === undefined ? `${r.text} via ${target.id}` : r.text;
    return {
      kind: 'error',
      message: `${r.command.kind} cannot be sent to one peer (${why}): type "${instead}" instead`,
    };
  }
  return { kind: 'command', target: target.id, command: r.command, text: r.text };
}

/** Parses `tokens` (verb first) of `body` (the comment-free line, for PATH with its own spacing). */
function parseCommand(body: string, tokens: Token[], ctx: ParseContext): Result {
  const verbTyped = tokens[0]!.text;
  const verb = verbTyped.toLowerCase();
  const args = tokens.slice(1).map((t) => t.text);

  switch (verb) {
    case 'store': {
      const name = args[0];
      if (name === undefined) return fail('store needs a file name: store <NAME> [PATH]');
      const problem = fileNameProblem(name);
      if (problem !== undefined) return fail(problem);
      // PATH is everything after NAME, so a path with spaces needs no quoting.
      const path = body.slice(tokens[1]!.end).trim();
      if (path === '') return { ok: true, command: { kind: 'store', name }, text: `store ${name}` };
      // An empty record only on purpose: a missing file is a failure, not a 0-byte success.
      if (path.toLowerCase() === '--empty')
        return { ok: true, command: { kind: 'store', name, empty: true }, text: `store ${name} --empty` };
      if (args.some((a) => a.toLowerCase() === '--empty'))
        return fail(`store ${name} --empty stores an empty record and takes no PATH: store <NAME> --empty`);
      return { ok: true, command: { kind: 'store', name, path }, text: `store ${name} ${path}` };
    }
    case 'request': {
      const name = args[0];
      if (name === undefined) return fail('request needs a file name: request <NAME>');
      if (args.length > 1) return fail(`request takes one file name, got ${args.length}: request <NAME>`);
      const problem = fileNameProblem(name);
      if (problem !== undefined) return fail(problem);
      return { ok: true, command: { kind: 'request', name }, text: `request ${name}` };
    }
    case 'stats':
      if (args.length === 1 && args[0]!.toLowerCase() === 'all')
        return { ok: true, command: { kind: 'stats', all: true }, text: 'stats all' };
      if (args.length > 0) return fail('stats takes "all" or nothing: stats (counters not zero) or stats all');
      return { ok: true, command: { kind: 'stats' }, text: 'stats' };
    case 'pings': {
      const usage = 'pings on|changes|off (every ping line; only misses, deaths and recoveries; none)';
      if (args.length !== 1) return fail(`pings takes one of on, changes, off: ${usage}`);
      const mode = args[0]!.toLowerCase();
      if (!PINGS_MODES.includes(mode as PingsMode)) return fail(`pings "${args[0]}" is not a mode: ${usage}`);
      return { ok: true, command: { kind: 'pings', mode: mode as PingsMode }, text: `pings ${mode}` };
    }
    case 'quit':
    case 'status':
    case 'help':
    case 'exit':
      if (args.length > 0) return fail(`${verb} takes no arguments: type just "${verb}"`);
      return { ok: true, command: { kind: verb }, text: verb };
    case 'kill':
    case 'use': {
      if (!ctx.ring) return fail(`${verb} ${RING_ONLY}`);
      if (args.length === 0) return fail(`${verb} needs a peer id: ${verb} <PEER>`);
      if (args.length > 1) return fail(`${verb} takes one peer id, got ${args.length}: ${verb} <PEER>`);
      const peer = parsePeerId(args[0]!, ctx.idBits);
      if (!peer.ok) return fail(peer.message);
      return { ok: true, command: { kind: verb, peer: peer.id }, text: `${verb} ${peer.id}` };
    }
    case 'join':
      if (!ctx.ring) return fail(`join ${RING_ONLY}`);
      return parseJoin(args, ctx);
    case 'sleep': {
      const usage = `sleep <SECONDS>, 0 to ${MAX_SLEEP_SECONDS}, e.g. sleep 0.5`;
      if (args.length === 0) return fail(`sleep needs a number of seconds: ${usage}`);
      if (args.length > 1) return fail(`sleep takes one number of seconds, got ${args.length}: ${usage}`);
      const s = args[0]!;
      if (!PLAIN_DECIMAL.test(s)) return fail(`sleep "${s}" is not a number of seconds: ${usage}`);
      const seconds = Number(s);
      if (seconds > MAX_SLEEP_SECONDS) return fail(`sleep "${s}" is too long: at most ${MAX_SLEEP_SECONDS} seconds`);
      return { ok: true, command: { kind: 'sleep', seconds }, text: `sleep ${seconds}` };
    }
    default:
      return fail(`unknown command "${verbTyped}": type help for the list`);
  }
}

function parseJoin(args: string[], ctx: ParseContext): Result {
  const usage = 'join <PEER> [via <KNOWN> | via <ID@HOST[:PORT]>]';
  if (args.length === 0) return fail(`join needs the new peer's id: ${usage}`);
  const peer = parsePeerId(args[0]!, ctx.idBits);
  if (!peer.ok) return fail(peer.message);
  if (args.length === 1) return { ok: true, command: { kind: 'join', peer: peer.id }, text: `join ${peer.id}` };
  if (args[1]!.toLowerCase() !== 'via')
    return fail(`join expects "via" after the new peer's id, got "${args[1]}": ${usage}`);
  if (args.length === 2) return fail(`join needs the known peer's id after "via": ${usage}`);
  if (args.length > 3) return fail(`join has too many arguments: ${usage}`);
  if (args[2]!.includes('@')) {
    const remote = parsePeerAt(args[2]!, ctx.idBits);
    if (!remote.ok) return fail(remote.message);
    if (remote.peer.id === peer.id)
      return fail(`peer ${peer.id} cannot join through itself: name a peer already in the ring after "via"`);
    const { id, host, port } = remote.peer;
    const shown = `${id}@${host.includes(':') ? `[${host}]` : host}${port === undefined ? '' : `:${port}`}`;
    return {
      ok: true,
      command: { kind: 'join', peer: peer.id, via: remote.peer },
      text: `join ${peer.id} via ${shown}`,
    };
  }
  const via = parsePeerId(args[2]!, ctx.idBits);
  if (!via.ok) return fail(via.message);
  if (via.id === peer.id)
    return fail(`peer ${peer.id} cannot join through itself: name a peer already in the ring after "via"`);
  return { ok: true, command: { kind: 'join', peer: peer.id, via: via.id }, text: `join ${peer.id} via ${via.id}` };
}

/** The command table of SPEC.md section 3, with only the commands this process has. */
export function helpText(ctx: ParseContext): string {
  const rows: [string, string][] = [
    [
      'store <NAME> [PATH]',
      'store a file; content from PATH, else <NAME>.pdf or <NAME> in the files directory (none: the store fails)',
    ],
    ['store <NAME> --empty', 'store an empty record for NAME, on purpose'],
    [
      'request <NAME>',
      'retrieve a file; the holder sends it, saved as received_<NAME>.pdf (four-digit names) or received_<NAME>',
    ],
    [
      'quit',
      ctx.ring ? 'graceful departure of the current peer' : 'graceful departure of this peer, then the process ends',
    ],
  ];
  if (ctx.ring) {
    rows.push(
      ['kill <PEER>', 'abrupt departure: the peer stops with no notice'],
      [
        'join <PEER> [via <KNOWN>]',
        'start a new peer that joins through KNOWN (default: the current peer; ID@HOST[:PORT] for a peer elsewhere)',
      ],
      ['use <PEER>', 'make PEER the current peer (shown in the prompt)'],
      ['@<PEER> <COMMAND>', 'send one command to PEER, e.g. @9 store 2067 (store, request, quit, status, stats)'],
    );
  }
  rows.push(
    ['status', `${ctx.ring ? 'every local peer' : 'this peer'}, a table: id, successors, predecessors, files held`],
    [
      'stats [all]',
      `${ctx.ring ? 'every local peer' : 'this peer'}, a table of counters not zero (all: every one): messages received and dropped (by reason), connections, work under way, refusals`,
    ],
    ['pings on|changes|off', 'show every ping line (default), only misses, deaths and recoveries, or none'],
    ['help', 'this list'],
    ['exit', ctx.ring ? 'stop every local peer and leave' : 'stop this peer and leave'],
    ['sleep <SECONDS>', `pause, for scripts (0 to ${MAX_SLEEP_SECONDS}, fractions allowed)`],
    ['# ...', 'a comment, to the end of the line'],
  );
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    'Commands (case-insensitive):',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    'Names: four digits 0000 to 9999 as the original (placed at the number mod the ring size), or any other file name',
    'of 1 to 255 bytes with no path separator (placed by a hash of the name).',
    `Peer ids are integers 0 to ${spaceSize(ctx.idBits) - 1}.`,
  ].join('\n');
}
