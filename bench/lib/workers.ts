// Plain-JS worker threads for the reference measurements: start, wait for a message (bounded), stop.
import { Worker } from 'node:worker_threads';

const WORKERS = new URL('../workers/', import.meta.url);

export function startWorker(file: string, workerData: unknown): Worker {
  return new Worker(new URL(file, WORKERS), { workerData });
}

/** The worker's next message, or an error if it dies or says nothing within `timeoutMs`. */
export function nextMessage<T>(worker: Worker, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`worker said nothing within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: T) => done(undefined, msg);
    const onError = (error: Error) => done(error);
    const onExit = (code: number) => done(new Error(`worker exited with code ${code}`));
    function done(error?: Error, msg?: T) {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (error) reject(error);
      else resolve(msg as T);
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

export interface EchoOptions {
  mode: 'udp' | 'tcp' | 'bulk';
  warmup: number;
  /** Warm up for at least this long too (on top of the measured rounds' budget). */
  warmupMs?: number;
  samples: number;
  budgetMs: number;
  payloadBytes?: number;
  bulkBytes?: number;
  /** Idle time between rounds (not timed), so each round starts from sleeping threads as a paced ping does. */
  gapMs?: number;
}

/** Round-trip (or bulk transfer) times in ms, measured by a client worker against a server worker. */
export async function workerPair(options: EchoOptions): Promise<number[]> {
  const server = startWorker('echo-server.mjs', { mode: options.mode });
  let client: Worker | undefined;
  try {
    const { port } = await nextMessage<{ port: number }>(server, 10_000);
    client = startWorker('echo-client.mjs', { ...options, port });
    const { samplesMs } = await nextMessage<{ samplesMs: number[] }>(client, options.budgetMs + 10_000);
    return samplesMs;
  } finally {
    // The server closes its sockets and exits by itself; terminate is the backstop so nothing is left running.
    server.postMessage('close');
    const exited = new Promise((resolve) => server.once('exit', resolve));
    let backstop: NodeJS.Timeout | undefined;
    await Promise.all([
      client?.terminate(),
      Promise.race([exited, new Promise((r) => (backstop = setTimeout(r, 2_000)))]),
    ]);
    clearTimeout(backstop);
    await server.terminate();
  }
}
