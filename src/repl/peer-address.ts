// ID@HOST[:PORT]: a peer in another process or on another machine, as the CLI and the REPL take it. Pure.
import { isHost, isUnspecified } from '../wire/hosts.ts';
import { parsePeerId } from './commands.ts';

export interface PeerAt {
  id: number;
  host: string;
  /** Left out: BASE_PORT + id, which only 8-bit rings have (the caller fills it in, or refuses). */
  port?: number;
}

export type PeerAtResult = { ok: true; peer: PeerAt } | { ok: false; message: string };

/** `4@10.0.0.2`, `4@h2.example:12004`, `70000@[fd00::2]:13000`. */
export function parsePeerAt(text: string, idBits: number): PeerAtResult {
  const at = text.indexOf('@');
  if (at < 0) return { ok: false, message: `"${text}" is not a peer address: write ID@HOST[:PORT]` };
  const id = parsePeerId(text.slice(0, at), idBits);
  if (!id.ok) return id;
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d+))?$/.exec(text.slice(at + 1));
  const host = match?.[1]?.replace(/^\[|\]$/g, '') ?? '';
  const port = match?.[2] === undefined ? undefined : Number(match[2]);
  if (match === null || !isHost(host))
    return {
      ok: false,
      message: `"${text}" is not a peer address: write ID@HOST[:PORT], HOST an IP address or a host name, e.g. 4@10.0.0.2 or 70000@h2.example:13000`,
    };
  if (isUnspecified(host))
    return { ok: false, message: `"${text}": ${host} is not an address a peer can be reached at` };
  if (port !== undefined && !(port >= 1 && port <= 65_535))
    return { ok: false, message: `"${text}": the port must be an integer from 1 to 65535` };
  return { ok: true, peer: { id: id.id, host, ...(port === undefined ? {} : { port }) } };
}

/** The port of a peer given without one: BASE_PORT + id on 8-bit rings; wider ids have no such mapping. */
export function portOfPeer(peer: PeerAt, idBits: number, basePort: number): number | string {
  if (peer.port !== undefined) return peer.port;
  if (idBits <= 8 && basePort + peer.id <= 65_535) return basePort + peer.id;
  return `Peer ${peer.id}: with --id-bits ${idBits} ids do not map onto ports, so give it as ID@HOST:PORT`;
}
