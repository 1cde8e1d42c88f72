// One worker thread hosting actors, reached through comlink. Every call is raced against the worker's death and a timeout.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { ActorEvent } from '../actor/events.ts';
import type { EventMessage } from '../actor/outbox.ts';
import type { MeshNotice, MeshUpdate } from '../actor/thread-mesh.ts';
import type { WorkerApi, WorkerData } from '../actor/worker.ts';
import { RingdhtError } from './errors.ts';

/**
 * How a worker thread gets the actor code: compiled JS in a file, or the source of a CommonJS script; or `serve`, the
 * actor code loaded into this thread, for actors run here (`threads: 0`).
 */
export type WorkerEntry =
  | URL
  | { code: string }
  | { serve: (port: MessagePort, guardThread: boolean, clock: SharedArrayBuffer) => unknown };

/** The actor code in this thread (`threads: 0`): a one-peer process then needs no worker (its memory and start-up). */
export async function mainThreadEntry(): Promise<WorkerEntry> {
  // Built, the bundle the workers run: one file, where dist/actor/ would load protobufjs and the rest module by module
  // (about twice the start-up).
  const { serveActors } = RUNNING_FROM_SOURCES
    ? await import('../actor/worker.ts')
    : (createRequire(import.meta.url)('../actor/bootstrap.cjs') as typeof import('../actor/worker.ts'));
  return { serve: serveActors };
}

const RUNNING_FROM_SOURCES = import.meta.url.endsWith('.ts');
let compiled: Promise<WorkerEntry> | undefined;

/**
 * The actor code for worker threads. From the TypeScript sources it is bundled once per process with
 * esbuild (about 40 ms) and run as plain JS: tsx inside every worker would cost each one a loader
 * thread, a compile and twice the memory. A build of ringdht (the benchmarks') ships it beside the host, as one
 * CommonJS file with its packages inlined: an ES module entry would cost each thread its ESM loader (~0.6 MB).
 */
export function workerEntry(): Promise<WorkerEntry> {
  compiled ??= RUNNING_FROM_SOURCES
    ? Promise.all([import('esbuild'), import('../actor/bundle.ts')]).then(async ([{ build }, { ACTOR_BUNDLE }]) => {
        const result = await build({
          ...ACTOR_BUNDLE,
          entryPoints: [fileURLToPath(new URL('../actor/worker.ts', import.meta.url))],
          write: false,
        });
        return { code: result.outputFiles[0]!.text };
      })
    : Promise.resolve(new URL('../actor/bootstrap.cjs', import.meta.url));
  return compiled;
}

/** Flags that load modules into a thread before its entry (`--import tsx`, say): actor code is plain JS and needs none. */
const MODULE_LOADER_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);
let actorExecArgv: string[] | undefined;

/**
 * The node options for actor threads: the main thread's (`parent`), without module loaders. A worker inherits them by
 * default, so a host started with `node --import tsx` ran tsx's loader in every actor thread: about 3 times the
 * start-up time and 7 MB more per thread, for nothing.
 */
export function withoutModuleLoaders(parent: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const flag = parent[i]!;
    if (!MODULE_LOADER_FLAGS.has(flag.split('=', 1)[0]!)) kept.push(flag);
    else if (!flag.includes('=')) i++; // its value is the next argument
  }
  return kept;
}

/**
 * The young generation of an actor thread's heap, at most. V8 grows it with the allocation rate (to 16 MB a semi-space,
 * 48 MB in all, by default) and keeps it: under load each thread's heap reserved 17 MB and then 28-31 MB after a full
 * GC with 7 MB in use, which was most of a ring process's RSS growth under load (bench/figures/soak.ts). An actor's
 * garbage is short-lived (messages, frames), so small scavenges cost little.
 */
export const ACTOR_YOUNG_GENERATION_MB = 6;

/**
 * The young generation of a thread shared by several actors (a ring's `threads`), at most: it allocates for all of them,
 * so with an actor's 6 MB it scavenged often and promoted the messages of operations still under way to the old
 * generation, which concurrent marking then walked (the mix on 2 threads: GC 55-65 µs of CPU a op, 36-55 with 16 MB;
 * bench/README.md, twenty-fourth round). A fixed cap still: the process's RSS stays flat under load.
 */
export const SHARED_THREAD_YOUNG_GENERATION_MB = 16;

/**
 * A thread for actors, with the main thread's options but not its module loaders. A worker refuses V8 and process-wide
 * flags in its own list (`--expose-gc`, `--max-old-space-size`), though they apply to every thread anyway: given
 * such a list, it gets none.
 */
function startWorker(
  entry: URL | { code: string },
  workerData: WorkerData,
  youngGenerationMb = ACTOR_YOUNG_GENERATION_MB,
): Worker {
  actorExecArgv ??= withoutModuleLoaders(process.execArgv);
  const options = {
    stdout: false,
    stderr: false,
    execArgv: actorExecArgv,
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
  };
  try {
    return entry instanceof URL ? new Worker(entry, options) : new Worker(entry.code, { ...options, eval: true });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV' || actorExecArgv.length === 0) throw error;
    actorExecArgv = [];
    return startWorker(entry, workerData, youngGenerationMb);
  }
}

/**
 * `remote` with each method's proxy made once. comlink makes a new proxy at every property read (`api.command`), each
 * registered with a FinalizationRegistry that later runs a callback for it: ~5-10 µs of the main thread's ~80-130 µs
 * to post a command (bench/README.md sixteenth round), and garbage for every command.
 */
function methodsKept<T extends object>(remote: T): T {
  const methods = new Map<string, unknown>();
  return new Proxy(remote, {
    get(target, prop) {
      // `then` asks the worker for a value (a remote's promise protocol): never kept. Symbols (releaseProxy) pass on.
      if (typeof prop !== 'string' || prop === 'then') return Reflect.get(target, prop) as unknown;
      let method = methods.get(prop);
      if (method === undefined) methods.set(prop, (method = Reflect.get(target, prop)));
      return method;
    },
  });
}

/** How a call's answer is passed on (ActorWorker.call). */
export interface CallOptions<T> {
  /**
   * How far the clock was when the answer was given: it is passed on after the events stamped before that (the events
   * it must follow). By default, after every event stamped, by any thread, before it came.
   */
  stampsBefore?: (answer: T) => number | undefined;
  /**
   * false: its timeout is unref'd (a call nobody waits on, as the reorder's settle). Defensive: a thread (never
   * unref'd) holds the process up while it lives, and its end clears the timeout, so the timer outlives nothing.
   */
  holdsProcess?: boolean;
}

/** `stampsBefore` for an answer that waits for no event: passed on as soon as it comes. */
export const WAITS_FOR_NO_EVENT = (): number => 0;

/** A call under way on a worker: what it is (for messages), and how it fails. */
interface PendingCall {
  what: string;
  fail: (error: Error) => void;
}

export class ActorWorker {
  readonly api: Comlink.Remote<WorkerApi>;
  /** Settles when the thread is gone: with why it died, or undefined after terminate(). */
  readonly ended: Promise<Error | undefined>;
  /** A worker thread, or this thread's end of the channel to actors run here. */
  private readonly worker: Worker | MessagePort;
  private terminating = false;
  private deathReason?: Error;
  /** Calls under way: the thread's end fails each of them. */
  private readonly calls = new Set<PendingCall>();

  /**
   * `clock.buffer`: the ring's causal clock, which the thread stamps its actors' events with; `clock.caughtUp`: resolves
   * once the events stamped before `seq` (default: so far) have been passed on, so a call's answer never overtakes
   * them; undefined when they have been already.
   */
  constructor(
    private readonly label: string,
    entry: WorkerEntry,
    onEvent: (event: ActorEvent) => void,
    private readonly clock: {
      buffer: SharedArrayBuffer;
      caughtUp: (seq?: number) => Promise<void> | undefined;
      mainWaits: () => () => void;
    },
    /** What the thread says of its actors' addresses and the channels it opens to other threads (thread-mesh.ts). */
    onMesh?: (notice: MeshNotice) => void,
    /** The thread's young generation at most (MB): SHARED_THREAD_YOUNG_GENERATION_MB for a thread several actors share. */
    youngGenerationMb = ACTOR_YOUNG_GENERATION_MB,
  ) {
    if ('serve' in entry) {
      const { port1, port2 } = new MessageChannel();
      entry.serve(port2, false, clock.buffer);
      this.worker = port1;
    } else this.worker = startWorker(entry, { clock: clock.buffer }, youngGenerationMb);
    this.api = methodsKept(Comlink.wrap<WorkerApi>(nodeEndpoint(this.worker)));
    this.worker.on('message', (data: unknown) => {
      if (typeof data !== 'object' || data === null) return;
      if ('ringdhtEvents' in data) for (const event of (data as EventMessage).ringdhtEvents) onEvent(event);
      else if ('ringdhtMesh' in data) onMesh?.(data as MeshNotice);
    });
    const thread = this.worker;
    const ended = new Promise<Error | undefined>((resolve) => {
      if (!(thread instanceof Worker)) {
        thread.once('close', () => resolve(this.terminating ? undefined : new Error('its channel closed')));
        return;
      }
      thread.once('error', (error) => {
        this.deathReason = error;
      });
      thread.once('exit', (code) => {
        if (this.terminating) resolve(undefined);
        else resolve(this.deathReason ?? new Error(`its thread exited with code ${code}`));
      });
    });
    this.ended = ended.then((reason) => {
      // A thread that exited without an error event is not alive either (its calls would wait for their timeouts).
      this.deathReason ??= reason;
      for (const call of [...this.calls]) {
        const why = reason ? `: ${reason.message}` : '';
        call.fail(new RingdhtError('ACTOR_DIED', `${this.label} stopped during ${call.what}${why}`));
      }
      return reason;
    });
  }

  /** Tells the thread where the other threads' actors are, or hands it a channel's end (nothing once it is gone). */
  tellMesh(update: MeshUpdate): void {
    if (!this.alive || !(this.worker instanceof Worker)) {
      if (update.ringdhtMesh === 'connected') update.port.close(); // its opener hears the channel close
      return;
    }
    this.worker.postMessage(update, update.ringdhtMesh === 'connected' ? [update.port] : []);
  }

  /** Its actors run in this thread: ending it does not close their sockets (close each actor first). */
  get inThread(): boolean {
    return !(this.worker instanceof Worker);
  }

  get alive(): boolean {
    return this.deathReason === undefined && !this.terminating;
  }

  /**
   * Runs a call on the worker; rejects with a RingdhtError if the worker dies or the call takes longer than `timeoutMs`.
   * Calls under way are kept in a set the thread's end rejects, not raced against `ended`: every race against a promise
   * that settles only when the thread ends would stay attached to it, and keep each call's answer alive until then.
   */
  call<T>(
    what: string,
    fn: (api: Comlink.Remote<WorkerApi>) => Promise<T>,
    timeoutMs: number,
    { stampsBefore, holdsProcess = true }: CallOptions<T> = {},
  ): Promise<T> {
    if (!this.alive) return Promise.reject(new RingdhtError('ACTOR_DIED', `${this.label} is not running (${what})`));
    return new Promise<T>((resolve, reject) => {
      // Threads post their lines at once while this call waits for its answer (and the events stamped before it).
      const waitOver = this.clock.mainWaits();
      const call: PendingCall = {
        what,
        fail: (error) => {
          clearTimeout(timer);
          waitOver();
          this.calls.delete(call);
          reject(error);
        },
      };
      const timer = setTimeout(
        () =>
          call.fail(new RingdhtError('TIMEOUT', `${this.label} did not answer ${what} within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      if (!holdsProcess) timer.unref();
      this.calls.add(call);
      const answered = (answer: T) => {
        if (!this.calls.delete(call)) return; // timed out, or the thread ended, first
        clearTimeout(timer);
        waitOver();
        resolve(answer);
      };
      let answering: Promise<T>;
      try {
        answering = fn(this.api);
      } catch (error) {
        return call.fail(error as Error);
      }
      answering
        .then((answer) => {
          const caughtUp = this.clock.caughtUp(stampsBefore?.(answer));
          // Most answers find their events passed on already: no further turn of promises.
          if (caughtUp === undefined) answered(answer);
          else return caughtUp.then(() => answered(answer));
        })
        .catch((error: unknown) => call.fail(error as Error));
    });
  }

  /** Releases the proxy and ends the thread (its actors must have been closed first). */
  async terminate(): Promise<void> {
    if (this.terminating) return;
    this.terminating = true;
    this.api[Comlink.releaseProxy]();
    if (this.worker instanceof Worker) await this.worker.terminate();
    else this.worker.close();
  }
}
