// Transfer connections kept open between files to the same peer: connect and accept (~1 ms of a 1 MiB request, more
// on busy threads) are paid once, not per file. A connection goes back to the pool only after a transfer it carried
// was acknowledged (nothing of it is left in flight either way); idle ones close after a while, all of them on quit.
import type { Socket } from 'node:net';
import type { PeerId } from '../core/ring.ts';
import type { Address } from './transport.ts';

/**
 * Idle connections kept per peer. One: files to a peer mostly go one after another, and every idle connection counts
 * against the receiver's limit of inbound connections (files sent at once take new ones, and only one is kept).
 */
const MAX_IDLE_PER_PEER = 1;

interface Idle {
  socket: Socket;
  timer: NodeJS.Timeout;
  gone: () => void;
}

export class TransferPool {
  private readonly idle = new Map<string, Idle[]>();
  private closed = false;

  /**
   * `idleMs`: an idle connection is closed after this long. Keep it under the receiver's own idle timeout, so that the
   * sender closes first and never starts a file on a connection the receiver is closing.
   */
  constructor(private readonly idleMs: number) {}

  /** An open, idle connection to `peer` at `to`, taken out of the pool; none: open a new one. */
  take(peer: PeerId, to: Address): Socket | undefined {
    const list = this.idle.get(key(peer, to));
    if (list === undefined) return undefined;
    let found: Socket | undefined;
    while (found === undefined && list.length > 0) {
      const entry = list.pop()!;
      this.forget(entry);
      if (usable(entry.socket)) found = entry.socket.ref();
      else entry.socket.destroy();
    }
    if (list.length === 0) this.idle.delete(key(peer, to));
    return found;
  }

  /** Keeps a connection whose last transfer was acknowledged, for the next file to `peer` at `to`; else closes it. */
  give(peer: PeerId, to: Address, socket: Socket): void {
    const k = key(peer, to);
    const list = this.idle.get(k) ?? [];
    if (this.closed || !usable(socket) || list.length >= MAX_IDLE_PER_PEER) {
      socket.destroy();
      return;
    }
    // While idle nothing should arrive: anything (data, the other end closing, an error) ends the connection.
    const entry: Idle = {
      socket,
      timer: setTimeout(() => entry.gone(), this.idleMs),
      gone: () => {
        this.forget(entry);
        const rest = this.idle.get(k)?.filter((e) => e !== entry) ?? [];
        if (rest.length > 0) this.idle.set(k, rest);
        else this.idle.delete(k);
        socket.destroy();
      },
    };
    socket.on('data', entry.gone).on('end', entry.gone).on('close', entry.gone).on('error', entry.gone);
    // An idle connection keeps no process alive by itself (nor does its timer).
    socket.unref();
    entry.timer.unref();
    list.push(entry);
    this.idle.set(k, list);
  }

  /**
   * Closes the idle connections to `peer` (declared dead, or silent): a host that vanished resets nothing, and a file
   * started on one would wait for the receiver's idle timeout rather than fail at connect.
   */
  drop(peer: PeerId): void {
    for (const [k, list] of [...this.idle]) if (k.startsWith(`${peer}@`)) for (const entry of [...list]) entry.gone();
  }

  /** Closes every idle connection; later ones given back are closed at once. */
  closeAll(): void {
    this.closed = true;
    for (const list of [...this.idle.values()]) for (const entry of [...list]) entry.gone();
    this.idle.clear();
  }

  /** Idle connections now (for tests). */
  get size(): number {
    let n = 0;
    for (const list of this.idle.values()) n += list.length;
    return n;
  }

  private forget(entry: Idle): void {
    clearTimeout(entry.timer);
    const { socket, gone } = entry;
    socket.off('data', gone).off('end', gone).off('close', gone).off('error', gone);
  }
}

function usable(socket: Socket): boolean {
  return !socket.destroyed && socket.writable && socket.readable && !socket.readableEnded;
}

function key(peer: PeerId, to: Address): string {
  return `${peer}@${to.host}:${to.port}`;
}
