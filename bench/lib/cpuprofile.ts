// Reads V8 .cpuprofile files (node --cpu-prof): self time per function and per kind of work, for "where the time goes".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** Wall time the profile covers, and the part of it the thread was running (not idle). */
  wallMs: number;
  busyMs: number;
  /** Self ms per function (`name (file:line)`), largest first. */
  functions: [string, number][];
  /** Self ms per kind of work (see KINDS), largest first. */
  kinds: [string, number][];
}

/**
 * Kinds of work, by the function or file a sample's own frame is in: the first pattern that matches wins. Patterns
 * match `functionName url`. Everything else is `other JS`.
 */
const KINDS: [string, RegExp][] = [
  ['idle (waiting: wake-ups, I/O)', /^\(idle\) /],
  ['garbage collection', /^\(garbage collector\) /],
  ['V8/native (program)', /^\(program\) /],
  ['protobuf decode', /decode|Reader|readVarint|uint32|fork|skipType|validat/i],
  ['protobuf encode', /encode|Writer|finish|ldelim/i],
  [
    'socket write (syscall: loopback delivery to the receiver included)',
    /^(writeBuffer|writeUtf8String|writev|writeGeneric|writevGeneric|handleWriteReq|_write|_writev|doWrite|writeOrBuffer) /,
  ],
  ['socket read', /^(onStreamRead|readableAddChunk|addChunk|push|emitReadable|onread) /],
  [
    'fs (sync calls, open/close/rename)',
    /^(openSync|writeFileSync|renameSync|readFileSync|closeSync|fsync|open|close|rename|writeSync|readSync|mkdirSync|rmSync|unlink) /,
  ],
  ['crypto (sha256)', /createHash|Hash|digest|update /],
  [
    'main-thread relay (postMessage, comlink)',
    /comlink|postMessage|^post |emitLine|MessagePort|serialize|deserialize|structuredClone/i,
  ],
  ['protocol core (route, machine)', /\/core\/|PeerMachine|Replicator|Router|Membership|route|handle /],
  [
    'timers / scheduling',
    /listOnTimeout|processTimers|processTicksAndRejections|runMicrotasks|setTimeout|queueMicrotask/,
  ],
];

function kindOf(name: string, url: string): string {
  const key = `${name} ${url}`;
  for (const [kind, pattern] of KINDS) if (pattern.test(key)) return kind;
  return 'other JS';
}

export function summariseProfile(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the delta to the next one.
  for (let i = 0; i < profile.samples.length; i++) {
    const next = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + Math.max(0, next));
  }
  const functions = new Map<string, number>();
  const kinds = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    const file = url.split('/').pop() ?? '';
    const label = `${name} (${file}:${lineNumber + 1})`;
    functions.set(label, (functions.get(label) ?? 0) + us / 1000);
    const kind = kindOf(name, url);
    kinds.set(kind, (kinds.get(kind) ?? 0) + us / 1000);
    if (name !== '(idle)') busy += us / 1000;
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    file: path,
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busy,
    functions: sorted(functions),
    kinds: sorted(kinds),
  };
}

/** Every .cpuprofile in `dir`, summarised. */
export function summariseDir(dir: string): ProfileSummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summariseProfile(join(dir, f)));
}
