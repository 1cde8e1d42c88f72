// The live view's HTTP server on the main thread (never in a peer's worker): the page, the ring's events as
// Server-Sent Events, and the commands a page sends (store an upload, request a download, join, quit, kill).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Ring } from '../host/ring.ts';
import { RingdhtError } from '../host/errors.ts';
import { pageAsset } from './assets.ts';
import { ViewCommands } from './commands.ts';
import { BadRequest, methodIs, reply } from './http.ts';
import { RingPicture } from './picture.ts';
import { COMMAND_HEADER, type ViewItem } from './protocol.ts';

/** A page that falls this far behind (bytes not yet taken by its connection) is dropped; it reconnects afresh. */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;
/** A comment line on every stream this often, so proxies and browsers keep an idle stream open. */
const KEEPALIVE_MS = 15_000;

export interface ViewServer {
  /** http://HOST:PORT/ */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the view's server on host:port (0: a free port). Rejects with code PORT_IN_USE when the port is taken. */
export async function startView(ring: Ring, options: { host: string; port: number }): Promise<ViewServer> {
  const streams = new Set<ServerResponse>();
  /** Streams whose snapshot is being taken: what happens meanwhile waits here, to follow the snapshot. */
  const starting = new Map<ServerResponse, ViewItem[]>();
  const sockets = new Set<Socket>();
  const picture = new RingPicture(
    ring,
    (items) => {
      for (const held of starting.values()) held.push(...items);
      broadcast(streams, items);
    },
    () => streams.size + starting.size > 0,
  );
  const commands = await ViewCommands.create(ring);
  let port = options.port;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const status = error instanceof BadRequest ? error.status : error instanceof RingdhtError ? 400 : 500;
      const message = (error as Error).message;
      // A body not read to its end (an upload refused at once) cannot be followed by another request.
      if (!req.complete) res.setHeader('connection', 'close');
      if (!res.headersSent) reply(res, status, { ok: false, error: message });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://view');
    const route = url.pathname;
    refuseForeign(req, options.host, port);
    if (route === '/api/events') return methodIs(req, 'GET') && openStream(req, res);
    if (route === '/api/state') {
      methodIs(req, 'GET');
      return reply(res, 200, await picture.snapshot());
    }
    if (route.startsWith('/api/')) return commands.handle(route.slice('/api/'.length), url.searchParams, req, res);
    methodIs(req, 'GET');
    const asset = await pageAsset(route === '/' ? 'index.html' : route.slice(1));
    if (asset === undefined) throw new BadRequest(404, `no such page: ${route}`);
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
    res.end(asset.body);
  }

  async function openStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    starting.set(res, []);
    const keepalive = setInterval(() => res.write(':\n\n'), KEEPALIVE_MS).unref();
    req.once('close', () => {
      clearInterval(keepalive);
      starting.delete(res);
      streams.delete(res);
    });
    // Events from now on follow the snapshot (held until it is written), so the page applies them to it in order.
    const snapshot = await picture.snapshot();
    const held = starting.get(res);
    starting.delete(res);
    if (held === undefined || res.writableEnded) return;
    res.write(`data: ${JSON.stringify([snapshot])}\n\n`);
    if (held.length > 0) res.write(`data: ${JSON.stringify(held)}\n\n`);
    streams.add(res);
  }

  server.listen(options.port, options.host);
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  } catch (error) {
    picture.close();
    await commands.close();
    const code = (error as { code?: string }).code;
    throw new RingdhtError(
      code === 'EADDRINUSE' ? 'PORT_IN_USE' : 'VIEW_FAILED',
      code === 'EADDRINUSE'
        ? `the live view cannot listen on ${options.host}:${options.port}: port already in use (give --web another port)`
        : `the live view cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`,
    );
  }
  port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`,
    port,
    close: () =>
      (closing ??= (async () => {
        picture.close();
        for (const res of [...streams, ...starting.keys()]) res.end();
        streams.clear();
        starting.clear();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive connections and uploads under way would hold the server open: they end with the ring.
        for (const socket of sockets) socket.destroy();
        await closed;
        await commands.close();
      })()),
  };
}

function broadcast(streams: Set<ServerResponse>, items: ViewItem[]): void {
  if (items.length === 0 || streams.size === 0) return;
  const message = `data: ${JSON.stringify(items)}\n\n`;
  for (const res of streams) {
    if (res.writableLength > MAX_BACKLOG_BYTES) {
      res.destroy(); // its page reconnects and starts from a snapshot
      streams.delete(res);
      continue;
    }
    res.write(message);
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The page's commands change the ring (kill, quit, store), so only the page itself may send them: a request from
 * another site's page (its Origin) is refused, commands must carry the header the page sends (another site cannot
 * add one without the CORS preflight this server never answers), and on a loopback address a Host that is not a
 * loopback name (DNS rebinding) is refused.
 */
function refuseForeign(req: IncomingMessage, host: string, port: number): void {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && URL.canParse(origin) && new URL(origin).host !== req.headers.host)
    throw new BadRequest(403, `requests from other sites' pages (${origin}) are refused`);
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  if (loopback && !LOOPBACK_NAMES.some((name) => req.headers.host === `${name}:${port}`))
    throw new BadRequest(403, `the live view answers on ${LOOPBACK_NAMES.map((n) => `${n}:${port}`).join(', ')} only`);
  if (req.method === 'POST' && req.headers[COMMAND_HEADER] !== '1')
    throw new BadRequest(403, `commands need the header ${COMMAND_HEADER}: 1 (the page sends it)`);
}
