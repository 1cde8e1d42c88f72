// The worker thread's entry: hosts actors and exposes them to the main thread with comlink. serveActors does the same
// on one end of a MessageChannel in the main thread itself (`threads: 0`: a one-peer process needs no worker).
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, resourceLimits, workerData, type MessagePort } from 'node:worker_threads';
import { Actor, type ActorStatus } from './actor.ts';
import type { ActorConfig, PeerCommand } from './config.ts';
import type { PeerAddress } from '../wire/codec.ts';
import { SPAWN_CODES, type SpawnCode } from '../errors.ts';
import type { ActorReport } from './events.ts';
import type { OpResult } from '../core/io.ts';
import { type LocalEndpoint, LocalExchange } from './local-exchange.ts';
import { type MeshNotice, ThreadMesh } from './thread-mesh.ts';
import { EventOutbox } from './outbox.ts';
import { CausalClock } from './causal-clock.ts';
import { CLIENT_OP_BASE, type ClientReply, type ClientRequest, type CommandReply } from './client-protocol.ts';

/** `port`: where the peer listens (the one the OS gave, when it was started on port 0). */
export type SpawnResult = { ok: true; port: number } | { ok: false; code: SpawnCode; error: string };

/** What a worker thread is started with (workerData). */
export interface WorkerData {
  /** The ring's causal clock (CausalClock.buffer). */
  clock: SharedArrayBuffer;
}

/**
 * Hosts actors on `port` (a worker's parentPort, or one end of a MessageChannel in the main thread), answering comlink
 * calls and posting their events there, each stamped on the ring's causal `clock` as it happens. `guardThread`: an
 * exception that escapes every actor crashes them all, not the thread (only where the thread is theirs alone).
 */
export function serveActors(port: MessagePort, guardThread: boolean, clockBuffer?: SharedArrayBuffer) {
  const clock = new CausalClock(clockBuffer);
  // Lines wait only in a thread of their own (guardThread: a worker), where posting them wakes the main thread.
  const outbox = new EventOutbox(port, clock, guardThread);

  /** Commands that came through a client port: their completion goes back on that port, not to the main thread. */
  const clientOps = new Map<number, { port: MessagePort; req: number }>();
  let nextClientOp = CLIENT_OP_BASE;
  /** Each peer's client ports: closed when it crashes or closes, so their callers hear ACTOR_DIED at once. */
  const clientPorts = new Map<number, Set<MessagePort>>();
  const closeClients = (peer: number) => {
    for (const client of clientPorts.get(peer) ?? []) client.close();
    clientPorts.delete(peer);
  };
  /**
   * The main thread's commands under way, by peer and op: each one's completion is the answer to its command call.
   * That answer was once a comlink answer at the command's start (which woke the main thread in the middle of the
   * lookup, on cores the peers needed) and a 'done' event at its end: two messages back and two wake-ups for one.
   */
  const answering = new Map<number, Map<number, (reply: CommandReply) => void>>();
  const answer = (peer: number, op: number, reply: CommandReply) => {
    const waiting = answering.get(peer);
    waiting?.get(op)?.(reply);
    waiting?.delete(op);
  };
  /** The actor is gone with commands still under way: they will not complete, and their callers hear why at once. */
  const answerGone = (peer: number, why: string) => {
    for (const op of [...(answering.get(peer)?.keys() ?? [])]) answer(peer, op, { gone: why });
    answering.delete(peer);
  };
  const post = (report: ActorReport) => {
    if (report.kind === 'done') {
      // The answer is made once, with its fields set one by one: no rest or spread copies of the report and the reply
      // (objects made per operation; bench/README.md, alloc29's round).
      const bytes = report.bytes;
      const client = clientOps.get(report.op);
      // The ring's listeners (a terminal, the view) hear a main-thread command's end as an event, stamped before its
      // answer; nobody else needs it stamped or posted (a client port's caller has its answer). Never with the bytes.
      if (client === undefined && clock.linesWanted) outbox.add(bytes === undefined ? report : withoutBytes(report));
      const seq = clock.taken();
      if (client === undefined) {
        const reply: Omit<ClientReply, 'req'> = { seq, result: report.result };
        if (bytes === undefined) return answer(report.peer, report.op, reply);
        // A get's bytes are moved to the caller's thread, not copied. Comlink answers after the events held (below).
        reply.bytes = bytes;
        return answer(report.peer, report.op, Comlink.transfer(reply, [bytes.buffer as ArrayBuffer]));
      }
      clientOps.delete(report.op);
      const reply: ClientReply = { req: client.req, seq, result: report.result };
      if (bytes === undefined) client.port.postMessage(reply);
      else {
        reply.bytes = bytes;
        client.port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
      }
      return;
    }
    if (report.kind === 'crashed' || report.kind === 'closed') {
      answerGone(report.peer, report.kind === 'crashed' ? `it crashed: ${report.error}` : 'it closed');
      closeClients(report.peer);
    }
    outbox.add(report);
  };

  /** Starts a command at `found`; one the actor could not even start (it threw) completes, failed, as every one does. */
  const start = (found: Actor, op: number, command: PeerCommand, text: string) => {
    try {
      found.command(op, command, text);
    } catch (error) {
      const result: OpResult = { ok: false, code: 'PEER_FAILED', error: (error as Error).message, ms: 0 };
      post({ kind: 'done', peer: found.id, op, command: text, result });
    }
  };

  const actors = new Map<number, Actor>();
  /** Actors crashed by an exception that escaped to the thread, until their teardown ended. */
  const crashing = new Map<number, Actor>();
  // The actors of this thread hand each other their messages in memory, not through loopback sockets; in a worker, the
  // actors of the process's other workers too, over MessagePorts between the threads (src/actor/thread-mesh.ts).
  const mesh: ThreadMesh | undefined = guardThread
    ? new ThreadMesh((notice: MeshNotice, transfer?: MessagePort[]) => port.postMessage(notice, transfer), {
        hosted: (key): LocalEndpoint | undefined => local.hosted(key),
        isHosted: (endpoint) => local.isHosted(endpoint),
      })
    : undefined;
  const local: LocalExchange = new LocalExchange(mesh);
  if (mesh !== undefined) port.on('message', (data: unknown) => void mesh.update(data));

  function actor(id: number): Actor {
    const found = actors.get(id);
    if (found === undefined) throw new Error(`Peer ${id} is not hosted by this worker`);
    return found;
  }

  const api = {
    async spawn(config: ActorConfig): Promise<SpawnResult> {
      if (actors.has(config.id))
        return { ok: false, code: 'SPAWN_FAILED', error: `Peer ${config.id} is already running here` };
      try {
        const opened = await Actor.open(config, post, local, () => clock.linesWanted);
        actors.set(config.id, opened);
        return { ok: true, port: opened.port };
      } catch (error) {
        const code = (error as { code?: string }).code;
        return {
          ok: false,
          code: SPAWN_CODES.find((c) => c === code) ?? 'SPAWN_FAILED',
          error: (error as Error).message,
        };
      }
    },
    /** The start-up lines; a ring says them at every peer before any starts pinging. */
    announce(id: number): void {
      actor(id).announce();
    },
    /** Where the other peers of this process listen (after some took any free port). */
    learn(id: number, addresses: PeerAddress[]): void {
      actor(id).learn(addresses);
    },
    start(id: number): void {
      actor(id).start();
    },
    /**
     * Runs a command at peer `id`; the answer is its completion (a get's bytes moved, not copied), or `gone` when the
     * actor crashed or closed first.
     */
    command(id: number, op: number, command: PeerCommand, text: string): Promise<CommandReply> {
      const found = actor(id);
      return new Promise<CommandReply>((resolve) => {
        let waiting = answering.get(id);
        if (waiting === undefined) answering.set(id, (waiting = new Map()));
        waiting.set(op, resolve);
        start(found, op, command, text);
      });
    },
    status(id: number): ActorStatus {
      return actor(id).status();
    },
    /**
     * Serves `client` (one end of a MessageChannel, possibly in another thread: a load generator) with store and
     * request commands for peer `id`, straight to this worker: the main thread is not on their way.
     */
    connectClient(id: number, client: MessagePort): void {
      actor(id);
      let ports = clientPorts.get(id);
      if (ports === undefined) clientPorts.set(id, (ports = new Set()));
      ports.add(client);
      client.on('message', (request: ClientRequest) => {
        const found = actors.get(id);
        // The peer is gone (killed, quit): its port closes (the caller hears ACTOR_DIED); a throw here would have
        // escaped to the thread and crashed every peer it hosts.
        if (found === undefined) return void client.close();
        const op = nextClientOp++;
        clientOps.set(op, { port: client, req: request.req });
        const text = `${request.command.kind} ${request.command.name}`;
        start(found, op, request.command, text);
      });
      client.once('close', () => {
        clientPorts.get(id)?.delete(client);
        for (const [op, c] of clientOps) if (c.port === client) clientOps.delete(op);
      });
    },
    /** Test hook: the actor's next input throws (`input`), or an exception escapes to the thread (`thread`). */
    fail(id: number, reason: string, where: 'input' | 'thread'): void {
      if (where === 'input') actor(id).failNextInput(reason);
      else
        setImmediate(() => {
          throw new Error(reason);
        });
    },
    /**
     * Test and bench hook: this thread's memory after a full garbage collection (bytes: the heap in use and reserved,
     * memory outside it) and the heap's limits it runs with.
     */
    memoryAfterGc(): ThreadMemory {
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
      const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      return {
        heapUsed,
        heapTotal,
        external,
        arrayBuffers,
        maxYoungGenerationMb: resourceLimits.maxYoungGenerationSizeMb,
      };
    },
    /**
     * Answers after every event this thread stamped before it was asked (comlink's answers go after the events held):
     * the main thread's reorder asks before it gives a gap in the stamps up (src/host/reorder.ts).
     */
    settle(): void {},
    /** Test and bench hook: the MessagePort channels this thread opened or was handed, to other threads (thread-mesh.ts). */
    meshChannels(): number {
      return mesh?.channelCount ?? 0;
    },
    /** Test and bench hook: this thread's V8 heap in use after a full garbage collection, in bytes. */
    heapAfterGc(): number {
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
      return process.memoryUsage().heapUsed;
    },
    async close(id: number): Promise<void> {
      const found = actors.get(id) ?? crashing.get(id);
      // Gone from `actors` at once, so a second close(id) would return before this one ended: the ring sends one per
      // run (a removal, or the kill that stands for it: Member.removed), and a newcomer of the id waits for its end. A
      // peer crashed by an exception that escaped to the thread is found in `crashing` till its teardown ended.
      actors.delete(id);
      await found?.close();
    },
    /** A peer about to be killed with its thread stops taking datagrams first (Transport.closeUdp); nothing else. */
    async deafen(id: number): Promise<void> {
      await actors.get(id)?.deafen();
    },
  };

  // An exception that escaped every actor's own guard (a callback of a library, say) would end the thread; a thread
  // is the unit of this catch, so each actor it hosts crashes as abruptly as if killed, and each reports why.
  if (guardThread)
    process.on('uncaughtException', (error) => {
      for (const [id, found] of actors) {
        actors.delete(id);
        // Still found by the ring's close (its removal of the crashed peer), which then waits for the crash's teardown
        // (the store's last records) before the thread may end, as it does for a peer crashed by its own input.
        crashing.set(id, found);
        found.crash(error);
        // Its end may be a departure's shutdown under way already (the crash then changes nothing), which can fail.
        const forget = () => {
          if (crashing.get(id) === found) crashing.delete(id);
        };
        void found.close().then(forget, forget);
      }
    });

  // Comlink's answers go after any events held back, as every other message does.
  const answers = {
    postMessage(message: unknown, transfer?: Transferable[]): void {
      outbox.flush();
      port.postMessage(message, transfer as never);
    },
    on: (type: 'message', listener: (value: unknown) => void) => void port.on(type, listener),
    off: (type: 'message', listener: (value: unknown) => void) => void port.off(type, listener),
  };
  Comlink.expose(api, nodeEndpoint(answers));
  return api;
}

export type WorkerApi = ReturnType<typeof serveActors>;

/** A thread's memory after a full GC, in bytes, and the young generation's cap it runs with (undefined: V8's own). */
export interface ThreadMemory {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  maxYoungGenerationMb: number | undefined;
}

if (parentPort !== null) serveActors(parentPort, true, (workerData as WorkerData | null)?.clock);

/** A command's end as the ring's listeners hear it: without the bytes of a get (its caller's alone). */
function withoutBytes(report: ActorReport & { kind: 'done' }): ActorReport {
  const { bytes: _, ...done } = report;
  return done;
}
