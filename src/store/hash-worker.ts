// A file's sha256 computed on a worker thread, beside the thread that receives and writes the file: a large transfer's
// receiving thread spent ~40 % of its time in sha256 and was the bound (bench/README.md "Seventh round").
import { Worker } from 'node:worker_threads';

/** Slots of the ring the bytes cross in, and the bytes each holds (a socket read is at most 64 KiB). */
const SLOTS = 32;
const SLOT_BYTES = 64 * 1024;
/** Control words: the slots published (head) and hashed (tail), both counting up and wrapping as int32. */
const HEAD = 0;
const TAIL = 1;
/** A slot's kind: bytes of a job, a job's end (its digest is posted back), a job dropped. */
const DATA = 1;
const END = 2;
const DROP = 3;

/**
 * The worker, as plain CommonJS run with `eval`: no file to locate (the sources under tsx, dist/, the bench's bundle)
 * and nothing of ours loaded in it. It waits on the ring's head, hashes each slot into its job's hash, moves the tail
 * on (waking a producer waiting for room), and posts a job's digest at its end. The ring needs no message per slot:
 * postMessage and its wake-up for every chunk cost the receiving thread about what the hash did.
 */
const SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { control, meta, data, slots, slotBytes } = workerData;
const c = new Int32Array(control);
const m = new Int32Array(meta);
const jobs = new Map();
let tail = Atomics.load(c, ${TAIL});
for (;;) {
  const head = Atomics.load(c, ${HEAD});
  if (head === tail) {
    Atomics.wait(c, ${HEAD}, head);
    continue;
  }
  for (; tail !== head; tail = (tail + 1) | 0) {
    const s = tail & (slots - 1);
    const job = m[3 * s];
    const kind = m[3 * s + 1];
    if (kind === ${DATA}) {
      let hash = jobs.get(job);
      if (hash === undefined) jobs.set(job, (hash = createHash('sha256')));
      hash.update(new Uint8Array(data, s * slotBytes, m[3 * s + 2]));
    } else if (kind === ${END}) {
      const hash = jobs.get(job) ?? createHash('sha256');
      jobs.delete(job);
      parentPort.postMessage({ job, sha256: hash.digest() });
    } else jobs.delete(job);
    Atomics.store(c, ${TAIL}, (tail + 1) | 0);
    Atomics.notify(c, ${TAIL});
  }
}
`;

/** Atomics.waitAsync (in V8 since Node 16; the TypeScript lib this project targets predates it). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

/** Bytes waiting for room in the ring, in the order given. */
interface Pending {
  job: number;
  kind: number;
  bytes?: Uint8Array;
  done: () => void;
}

/** This thread's ring and worker: started on first use, one per thread, never keeping the thread alive. */
class HashRing {
  private readonly control = new Int32Array(new SharedArrayBuffer(2 * 4));
  private readonly meta = new Int32Array(new SharedArrayBuffer(3 * 4 * SLOTS));
  private readonly data = new Uint8Array(new SharedArrayBuffer(SLOTS * SLOT_BYTES));
  private readonly worker: Worker;
  private readonly queue: Pending[] = [];
  private waitingForRoom = false;
  private notifyScheduled = false;
  private nextJob = 0;
  private readonly digests = new Map<number, { resolve: (sha256: Buffer) => void; reject: (error: Error) => void }>();
  /** Why the worker is gone, once it is. */
  gone: string | undefined;

  constructor() {
    this.worker = new Worker(SOURCE, {
      eval: true,
      // None of the parent's execArgv (a tsx loader would start in it for nothing).
      execArgv: [],
      workerData: {
        control: this.control.buffer,
        meta: this.meta.buffer,
        data: this.data.buffer,
        slots: SLOTS,
        slotBytes: SLOT_BYTES,
      },
    });
    this.worker.on('message', ({ job, sha256 }: { job: number; sha256: Uint8Array }) => {
      const waiting = this.digests.get(job);
      this.digests.delete(job);
      waiting?.resolve(Buffer.from(sha256.buffer, sha256.byteOffset, sha256.byteLength));
      this.holdThread();
    });
    const gone = (why: string) => {
      this.gone ??= why;
      if (ring === this) ring = undefined;
      for (const { reject } of this.digests.values()) reject(new Error(why));
      this.digests.clear();
      // Bytes still waiting for room are let go: their job's digest fails, so nothing is kept of its file.
      for (const pending of this.queue.splice(0)) pending.done();
    };
    this.worker.on('error', (error) => gone(`the hashing thread failed: ${error.message}`));
    this.worker.on('exit', () => gone('the hashing thread ended'));
    this.worker.unref();
  }

  /**
   * The worker keeps this thread alive only while something waits on it (a digest, bytes waiting for room): an idle one
   * never does, and neither a digest nor Atomics.waitAsync would keep it alive on its own.
   */
  private holdThread(): void {
    const held = this.queue.length > 0 || this.digests.size > 0;
    if (held === this.held) return;
    this.held = held;
    if (held) this.worker.ref();
    else this.worker.unref();
  }
  private held = false;

  job(): number {
    this.nextJob = (this.nextJob + 1) | 0;
    return this.nextJob;
  }

  /** Copies `bytes` into the ring (as soon as there is room; `done` then, and the caller may reuse them). */
  put(job: number, kind: number, bytes: Uint8Array | undefined, done: () => void): void {
    if (this.gone !== undefined) return done();
    this.queue.push(bytes === undefined ? { job, kind, done } : { job, kind, bytes, done });
    if (!this.waitingForRoom) this.pump();
  }

  /** A job's digest, posted by the worker once it reached the job's end. */
  digest(job: number): Promise<Buffer> {
    if (this.gone !== undefined) return Promise.reject(new Error(this.gone));
    return new Promise<Buffer>((resolve, reject) => {
      this.digests.set(job, { resolve, reject });
      this.put(job, END, undefined, () => {});
      this.holdThread();
    });
  }

  /** Fills free slots from the queue, in order; waits (without blocking) for the worker to free more when full. */
  private pump(): void {
    let head = Atomics.load(this.control, HEAD);
    while (this.queue.length > 0) {
      const tail = Atomics.load(this.control, TAIL);
      if (((head - tail) | 0) >= SLOTS) {
        this.waitingForRoom = true;
        const wait = waitAsync(this.control, TAIL, tail);
        const again = () => {
          this.waitingForRoom = false;
          this.pump();
        };
        if (wait.async) void (wait.value as Promise<string>).then(again);
        else queueMicrotask(again);
        break;
      }
      const next = this.queue[0]!;
      const s = head & (SLOTS - 1);
      const bytes = next.bytes;
      const n = bytes === undefined ? 0 : Math.min(bytes.length, SLOT_BYTES);
      if (bytes !== undefined) this.data.set(bytes.subarray(0, n), s * SLOT_BYTES);
      this.meta[3 * s] = next.job;
      this.meta[3 * s + 1] = next.kind;
      this.meta[3 * s + 2] = n;
      head = (head + 1) | 0;
      Atomics.store(this.control, HEAD, head);
      if (bytes !== undefined && n < bytes.length) next.bytes = bytes.subarray(n);
      else {
        this.queue.shift();
        next.done();
      }
    }
    this.holdThread();
    // One wake-up of the worker for what this turn published (a chunk's pieces), not one per slot.
    if (!this.notifyScheduled) {
      this.notifyScheduled = true;
      queueMicrotask(() => {
        this.notifyScheduled = false;
        Atomics.notify(this.control, HEAD);
      });
    }
  }
}

let ring: HashRing | undefined;

/**
 * A sha256 computed by this thread's hashing worker: update() copies the bytes into a ring of shared memory (the
 * caller keeps its own, to write them), digest() once every update is in.
 */
export class OffThreadHash {
  private readonly ring = (ring ??= new HashRing());
  private readonly job = this.ring.job();
  private ended = false;

  /** Resolves once the bytes are copied (at once, unless the worker is behind by the whole ring). */
  update(bytes: Uint8Array): Promise<void> {
    if (this.ended) return Promise.reject(new Error('update after the digest was asked for'));
    if (this.ring.gone !== undefined) return Promise.reject(new Error(this.ring.gone));
    if (bytes.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.ring.put(this.job, DATA, bytes, resolve));
  }

  /** The sha256 of every update (rejects if the worker went away). */
  digest(): Promise<Buffer> {
    this.ended = true;
    return this.ring.digest(this.job);
  }

  /** Forgets the job (a file abandoned before its digest). */
  drop(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.ring.gone === undefined) this.ring.put(this.job, DROP, undefined, () => {});
  }
}
