// A bench-only trace of what each peer does with a file, on the wall clock (bench/store-timeline.ts reads it). Off
// unless RINGDHT_TRACE names a directory: then every step is kept in memory and each thread appends its steps to
// DIR/trace-<pid>-<thread>.jsonl when one of its peers closes. Off, each call site costs one test of a constant.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Input } from '../core/io.ts';
import type { PeerId } from '../core/ring.ts';
import type { FileStore } from '../store/file-store.ts';
import type { RealDisk } from './disk.ts';
import type { RealNetwork } from './network.ts';

const DIR = process.env.RINGDHT_TRACE;
export const TRACING = DIR !== undefined && DIR !== '';

/**
 * One step: when (ms on the machine's monotonic clock, `process.hrtime`, the same in every thread: each thread's
 * `performance.timeOrigin` differs by up to half a millisecond), at which peer, what, of which file.
 */
export interface TraceStep {
  t: number;
  peer: number;
  step: string;
  name: string;
}

const steps: TraceStep[] = [];

/** The trace's clock (ms): comparable between threads. */
export function traceClock(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function trace(peer: number, step: string, name: string): void {
  if (TRACING) steps.push({ t: traceClock(), peer, step, name });
}

/** A step of a message on its way (the mesh's post and read): traced when the message names a file. */
export function traceCarried(peer: number, step: string, carried: { kind: string; body?: unknown }): void {
  if (!TRACING || carried.kind !== 'message') return;
  const body = carried.body as { type: string; name?: string; header?: { name: string } };
  const name = body.name ?? body.header?.name;
  if (name !== undefined) trace(peer, `${step}:${body.type}`, name);
}

/** An input as the machine is handed it: its kind (a message's type, a transfer's purpose) and the file it is about. */
export function traceInput(peer: number, input: Input): void {
  if (!TRACING) return;
  switch (input.type) {
    case 'message': {
      const m = input.message as { type: string; name?: string };
      if (m.name !== undefined) trace(peer, `in:${m.type}`, m.name);
      return;
    }
    case 'command':
      return trace(peer, `in:command.${input.kind}`, input.name);
    case 'transferStarted':
    case 'transferReceived':
    case 'transferSent':
      return trace(
        peer,
        `in:${input.type}.${input.ref.purpose}${input.ref.pending === true ? '.pending' : ''}`,
        input.ref.name,
      );
    case 'settled':
      return trace(peer, `in:settled.${input.outcome}`, input.name);
    default:
      return;
  }
}

/** Appends this thread's steps to its file and forgets them. */
export function flushTrace(): void {
  if (!TRACING || steps.length === 0) return;
  const text = `${steps.map((s) => JSON.stringify(s)).join('\n')}\n`;
  steps.length = 0;
  appendFileSync(join(DIR!, `trace-${process.pid}-${threadId}.jsonl`), text);
}

/** The ports with each file's steps traced (bench/store-timeline.ts): sends, and the disk's writes and settles. */
export function tracedPorts(peer: PeerId, network: RealNetwork, disk: RealDisk, store: FileStore) {
  store.onStep = (step, name) => trace(peer, step, name);
  const tracedNetwork: typeof network = Object.create(network);
  tracedNetwork.sendFile = (to, header, source, inline, done) => {
    trace(peer, `sendFile.${header.purpose}.start`, header.name);
    network.sendFile(to, header, source, inline, (failure) => {
      trace(peer, `sendFile.${header.purpose}.done`, header.name);
      done(failure);
    });
  };
  tracedNetwork.send = (to, message) => {
    const name = (message as { name?: string }).name;
    if (name !== undefined) trace(peer, `out:${message.type}`, name);
    network.send(to, message);
  };
  const tracedDisk: typeof disk = Object.create(disk);
  tracedDisk.settle = (name, version, outcome, done) => {
    trace(peer, `settle.${outcome}.start`, name);
    disk.settle(name, version, outcome, (error) => {
      trace(peer, `settle.${outcome}.done`, name);
      done(error);
    });
  };
  tracedDisk.open = (name, wholeUpTo, done, pending) => {
    trace(peer, 'open.start', name);
    disk.open(
      name,
      wholeUpTo,
      (result) => {
        trace(peer, 'open.done', name);
        done(result);
      },
      pending,
    );
  };
  return { network: tracedNetwork, disk: tracedDisk };
}
