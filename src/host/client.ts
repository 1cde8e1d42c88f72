// A peer's client port from any thread (a load generator in a piscina task): store and request, straight to the actor.
import type { MessagePort } from 'node:worker_threads';
import type { ClientReply, ClientRequest } from '../actor/client-protocol.ts';
import type { OpResult } from '../core/io.ts';
import { DEFAULTS } from '../defaults.ts';
import { RingdhtError } from './errors.ts';
import { storeCommand, type StoreOptions } from './store-command.ts';

/** A command's own deadline is the peer's; the client gives up this much later (the peer is gone, or stuck). */
const CLIENT_MARGIN_MS = 5_000;

/**
 * A command's result. `bytes`: a get's file. `seq`: the ring's events stamped before this answer have `seq` below it
 * (the ring's listeners may hear some of them a little after the answer; their threads post lines in batches).
 */
export type ClientResult = OpResult & { bytes?: Buffer; seq: number };

/** Wraps the port PeerHandle.clientPort() returned (after it was handed to this thread, if it was). */
export class PeerClient {
  private nextReq = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (result: ClientResult) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  /** Why the port is closed (the peer gone, or closed here): what later commands reject with. */
  private closedBy: { code: 'ACTOR_DIED' | 'CLOSED'; message: string } | undefined;

  constructor(
    private readonly port: MessagePort,
    private readonly timeoutMs = DEFAULTS.opTimeoutMs + CLIENT_MARGIN_MS,
  ) {
    port.on('message', (reply: ClientReply) =>
      this.settle(reply.req, (w) =>
        w.resolve({
          ...reply.result,
          seq: reply.seq,
          // The bytes were transferred to this thread: wrapped, not copied.
          ...(reply.bytes === undefined
            ? {}
            : { bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength) }),
        }),
      ),
    );
    // The peer's worker ended (or the port was closed here): nothing pending will ever be answered.
    port.once('close', () => this.fail('ACTOR_DIED', 'the peer behind this client port is gone'));
  }

  /** As PeerHandle.store: a path, or `{ empty: true }` for an empty record on purpose. */
  store(name: string, source?: string | StoreOptions): Promise<ClientResult> {
    return this.send(storeCommand(name, source));
  }

  /** As PeerHandle.request: saved as received_NAME, or with `{ into: 'memory' }` returned as `bytes`. */
  request(name: string, options: { into?: 'file' | 'memory' } = {}): Promise<ClientResult> {
    return this.send({ kind: 'request', name, ...(options.into === 'memory' ? { into: 'memory' } : {}) });
  }

  /** As PeerHandle.get: the bytes of NAME in memory. */
  get(name: string): Promise<ClientResult> {
    return this.request(name, { into: 'memory' });
  }

  /** Closes the port; commands still pending fail. */
  close(): void {
    this.fail('CLOSED', 'the client port was closed');
    this.port.close();
  }

  private send(command: ClientRequest['command']): Promise<ClientResult> {
    if (this.closedBy !== undefined) return Promise.reject(new RingdhtError(this.closedBy.code, this.closedBy.message));
    const req = ++this.nextReq;
    return new Promise<ClientResult>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.settle(req, (w) =>
            w.reject(
              new RingdhtError(
                'TIMEOUT',
                `${command.kind} ${command.name} had no answer within ${this.timeoutMs / 1000} s`,
              ),
            ),
          ),
        this.timeoutMs,
      );
      this.waiting.set(req, { resolve, reject, timer });
      this.port.postMessage({ req, command } satisfies ClientRequest);
    });
  }

  private settle(
    req: number,
    how: (w: { resolve: (result: ClientResult) => void; reject: (error: Error) => void }) => void,
  ): void {
    const waiting = this.waiting.get(req);
    if (waiting === undefined) return;
    this.waiting.delete(req);
    clearTimeout(waiting.timer);
    how(waiting);
  }

  private fail(code: 'ACTOR_DIED' | 'CLOSED', message: string): void {
    this.closedBy ??= { code, message };
    for (const req of [...this.waiting.keys()]) this.settle(req, (w) => w.reject(new RingdhtError(code, message)));
  }
}
