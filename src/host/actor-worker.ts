// One worker thread hosting actors, reached through comlink. Every call is raced against the worker's death and a timeout.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import type { ActorEvent } from '../actor/events.ts';
import type { EventMessage, WorkerApi } from '../actor/worker.ts';
import { RingdhtError } from './errors.ts';

const BOOTSTRAP = new URL('../actor/bootstrap.mjs', import.meta.url);

export class ActorWorker {
  readonly api: Comlink.Remote<WorkerApi>;
  /** Settles when the thread is gone: with why it died, or undefined after terminate(). */
  readonly ended: Promise<Error | undefined>;
  private readonly worker: Worker;
  private terminating = false;
  private deathReason?: Error;

  constructor(private readonly label: string, onEvent: (event: ActorEvent) => void) {
    this.worker = new Worker(BOOTSTRAP, { stdout: false, stderr: false });
    this.api = Comlink.wrap<WorkerApi>(nodeEndpoint(this.worker));
    this.worker.on('message', (data: unknown) => {
      if (typeof data === 'object' && data !== null && 'ringdhtEvent' in data) onEvent((data as EventMessage).ringdhtEvent);
    });
    this.ended = new Promise((resolve) => {
      this.worker.once('error', (error) => {
        this.deathReason = error;
      });
      this.worker.once('exit', (code) => {
        if (this.terminating) resolve(undefined);
        else resolve(this.deathReason ?? new Error(`its thread exited with code ${code}`));
      });
    });
  }

  get alive(): boolean {
    return this.deathReason === undefined && !this.terminating;
  }

  /** Runs a call on the worker; rejects with a RingdhtError if the worker dies or the call takes longer than `timeoutMs`. */
  async call<T>(what: string, fn: (api: Comlink.Remote<WorkerApi>) => Promise<T>, timeoutMs: number): Promise<T> {
    if (!this.alive) throw new RingdhtError('ACTOR_DIED', `${this.label} is not running (${what})`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RingdhtError('TIMEOUT', `${this.label} did not answer ${what} within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const death = this.ended.then((reason) => {
      throw new RingdhtError('ACTOR_DIED', `${this.label} stopped during ${what}${reason ? `: ${reason.message}` : ''}`);
    });
    try {
      return await Promise.race([fn(this.api), timeout, death]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Releases the proxy and ends the thread (its actors must have been closed first). */
  async terminate(): Promise<void> {
    if (this.terminating) return;
    this.terminating = true;
    this.api[Comlink.releaseProxy]();
    await this.worker.terminate();
  }
}
