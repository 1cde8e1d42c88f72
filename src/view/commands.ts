// The commands a page sends the view's server: store an uploaded file, request a file and download it, join, quit,
// kill. Every parameter is checked first; a bad one is a 4xx with a sentence, and the ring goes on.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { receivedFileName } from '../actor/received-name.ts';
import { fileNameProblem, isId, type PeerId } from '../core/ring.ts';
import type { CommandResult, Ring } from '../host/ring.ts';
import { BadRequest, methodIs, reply } from './http.ts';
import type { ViewCommandResult } from './protocol.ts';

/** Uploads taken in at once; more are refused (503) rather than queued. */
const MAX_UPLOADS = 4;
/** An upload over the limit is read to its end (and thrown away) up to this much more, so its client hears why. */
const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;

export class ViewCommands {
  private uploads = 0;
  private nextUpload = 0;

  private constructor(
    private readonly ring: Ring,
    /** Where uploads are written before the peer stores them (removed once stored, and with the server). */
    private readonly uploadDir: string,
  ) {}

  static async create(ring: Ring): Promise<ViewCommands> {
    return new ViewCommands(ring, await mkdtemp(join(tmpdir(), 'ringdht-view-')));
  }

  close(): Promise<void> {
    return rm(this.uploadDir, { recursive: true, force: true });
  }

  async handle(action: string, params: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
    switch (action) {
      case 'store':
        methodIs(req, 'POST');
        return this.store(params, req, res);
      case 'request': {
        methodIs(req, 'POST');
        const peer = this.localPeer(params);
        const name = this.name(params);
        const result = await this.ring.peer(peer).request(name);
        const download = `/api/received?peer=${peer}&name=${encodeURIComponent(name)}`;
        return reply(res, 200, answer(result, result.ok ? { download } : {}));
      }
      case 'received':
        methodIs(req, 'GET');
        return this.received(params, res);
      case 'join': {
        methodIs(req, 'POST');
        const peer = this.id(params, 'peer');
        const via = this.id(params, 'via');
        if (this.ring.has(peer)) throw new BadRequest(409, `Peer ${peer} is already running in this process`);
        return reply(res, 200, answer(await this.ring.join(peer, via)));
      }
      case 'quit': {
        methodIs(req, 'POST');
        return reply(res, 200, answer(await this.ring.quit(this.localPeer(params))));
      }
      case 'kill': {
        methodIs(req, 'POST');
        await this.ring.kill(this.localPeer(params));
        return reply(res, 200, { ok: true } satisfies ViewCommandResult);
      }
      default:
        throw new BadRequest(404, `no such command: ${action} (store, request, received, join, quit, kill)`);
    }
  }

  /** The request's body is written to a file as it arrives (never held whole in memory), bounded by the ring's limit. */
  private async store(params: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const peer = this.localPeer(params);
    const name = this.name(params);
    const max = this.ring.options.maxFileBytes;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) throw tooLarge(declared, max);
    if (this.uploads >= MAX_UPLOADS)
      throw new BadRequest(503, `${MAX_UPLOADS} uploads are under way already: try again once one has finished`);
    this.uploads++;
    const path = join(this.uploadDir, `upload-${++this.nextUpload}`);
    try {
      let bytes = 0;
      // Past the limit the rest is read and thrown away, so the client hears 413 rather than a reset connection;
      // much past it the connection is cut.
      const bounded = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          if (bytes > max + MAX_DISCARDED_BYTES) callback(tooLarge(bytes, max));
          else callback(null, bytes > max ? undefined : chunk);
        },
      });
      await pipeline(req, bounded, createWriteStream(path));
      if (bytes > max) throw tooLarge(bytes, max);
      const result = await this.ring.peer(peer).store(name, path);
      reply(res, 200, answer(result));
    } finally {
      this.uploads--;
      await rm(path, { force: true });
    }
  }

  /** A file a local peer received for a request, streamed from where the peer wrote it. */
  private async received(params: URLSearchParams, res: ServerResponse): Promise<void> {
    const peer = this.id(params, 'peer');
    const name = this.name(params);
    const o = this.ring.options;
    const dir = o.receiveLayout === 'per-peer' ? join(o.filesDir, `peer-${peer}`) : o.filesDir;
    const path = join(dir, receivedFileName(name));
    const found = await stat(path).catch(() => undefined);
    if (found === undefined || !found.isFile())
      throw new BadRequest(404, `Peer ${peer} has not received File ${name}: request it there first`);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': found.size,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-cache',
    });
    await pipeline(createReadStream(path), res);
  }

  private id(params: URLSearchParams, key: string): PeerId {
    const text = params.get(key);
    const bits = this.ring.options.idBits;
    if (text === null || text === '') throw new BadRequest(400, `give ${key}=<peer id>`);
    const id = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
    if (!isId(id, bits))
      throw new BadRequest(
        400,
        `${key}=${JSON.stringify(text)} is not a peer id: ids are integers 0 to ${2 ** bits - 1}`,
      );
    return id;
  }

  private localPeer(params: URLSearchParams): PeerId {
    const id = this.id(params, 'peer');
    if (!this.ring.has(id))
      throw new BadRequest(404, `Peer ${id} is not in this process (here: ${this.ring.ids().join(', ')})`);
    return id;
  }

  private name(params: URLSearchParams): string {
    const name = params.get('name');
    if (name === null) throw new BadRequest(400, 'give name=<file name>');
    const problem = fileNameProblem(name);
    if (problem !== undefined) throw new BadRequest(400, problem);
    return name;
  }
}

function tooLarge(bytes: number, max: number): BadRequest {
  return new BadRequest(413, `the file is ${bytes} bytes or more: files are at most ${max} bytes (--max-file-size)`);
}

function answer(result: CommandResult, extra: Partial<ViewCommandResult> = {}): ViewCommandResult {
  return {
    ok: result.ok,
    ...(result.ok ? {} : { error: result.error }),
    ...(result.holder === undefined ? {} : { holder: result.holder }),
    ...(result.hops === undefined ? {} : { hops: result.hops }),
    ...extra,
  };
}
