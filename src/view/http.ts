// Small HTTP helpers of the view's server: JSON answers, and a bad request as an error with its status.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request the server will not carry out: answered with `status` (4xx) and `{ ok: false, error: message }`. */
export class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function methodIs(req: IncomingMessage, method: string): true {
  if (req.method !== method) throw new BadRequest(405, `${req.method} is not allowed here: use ${method}`);
  return true;
}

export function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(JSON.stringify(body));
}
