// Files of at most INLINE_MAX_BYTES (64 KiB) travel whole on the kept-open connection to their receiver: one frame, one answer,
// no connection of their own. Connecting, a header, chunks and an end would cost more than the bytes themselves.
import { randomInt } from 'node:crypto';
import type { TransferHeader } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { Clock, TimerHandle } from '../runtime/ports.ts';
import type { InlinePart } from '../wire/codec.ts';
import { sha256Of } from '../store/sha256.ts';
import { threadClock } from './timer-queue.ts';
import { NotSentError, withoutPaths } from './transfers.ts';

interface Waiting {
  to: PeerId;
  resolve: () => void;
  reject: (error: Error) => void;
  /** Fails it with no answer once the answer timeout has passed. */
  timer: TimerHandle;
}

/** Inline files this peer sent and awaits the answers to, each bounded in time. */
export class InlineSender {
  /** Starts anywhere: an answer meant for an earlier run of this peer, or a guess, rarely names a transfer awaited now. */
  private seq = randomInt(0xffff_ffff);
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly send: (to: PeerId, part: InlinePart) => void,
    /** With no answer within this, the file counts as not delivered. */
    private readonly answerTimeoutMs: number,
    /**
     * The thread's timers (timer-queue.ts: a setTimeout and its clearTimeout per file cost 12 µs on a thread that slept
     * before the send, on a get's path; tests give a queue their mocked timers move).
     */
    private readonly clock: Clock = threadClock,
  ) {}

  /**
   * Sends the whole file (with its sha256, computed here unless the caller has it); resolves once the receiver kept
   * it, rejects with its reason or when no answer can come.
   */
  deliver(to: PeerId, header: TransferHeader, data: Uint8Array, sha256?: Uint8Array): Promise<void> {
    const transfer = (this.seq = (this.seq % 0xffff_ffff) + 1);
    const timer = this.clock.setTimer(
      this.clock.now() + this.answerTimeoutMs,
      () => this.settle(transfer, `no answer within ${this.answerTimeoutMs / 1000} s`),
      'inline',
    );
    const answered = new Promise<void>((resolve, reject) => {
      this.waiting.set(transfer, { to, resolve, reject, timer });
    });
    try {
      this.send(to, { type: 'inlineFile', transfer, header, data, sha256: sha256 ?? sha256Of(data) });
    } catch (error) {
      this.settle(transfer, withoutPaths(error));
    }
    return answered;
  }

  /** The receiver's answer; false (and nothing done) when it is from another peer, or for nothing awaited. */
  answered(from: PeerId, ack: Extract<InlinePart, { type: 'inlineAck' }>): boolean {
    if (this.waiting.get(ack.transfer)?.to !== from) return false;
    this.settle(ack.transfer, ack.ok ? undefined : ack.error || 'refused');
    return true;
  }

  /** The file may not have been read: `unsent` when it never left (no connection could be made). */
  undelivered(part: InlinePart, why: string, unsent: boolean): void {
    if (part.type === 'inlineFile') this.settle(part.transfer, why, unsent);
  }

  /** The connection to `to` closed: an answer may never come, so what awaits one fails now. */
  disconnected(to: PeerId): void {
    for (const [transfer, w] of this.waiting)
      if (w.to === to) this.settle(transfer, 'connection closed before the file was acknowledged');
  }

  /** Shutting down: nothing more will be answered. */
  failAll(why: string): void {
    for (const transfer of [...this.waiting.keys()]) this.settle(transfer, why);
  }

  private settle(transfer: number, error: string | undefined, unsent = false): void {
    const w = this.waiting.get(transfer);
    if (w === undefined) return;
    this.waiting.delete(transfer);
    this.clock.clearTimer(w.timer);
    if (error === undefined) w.resolve();
    else w.reject(unsent ? new NotSentError(error) : new Error(error));
  }
}
