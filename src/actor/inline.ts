// Files of at most INLINE_MAX_BYTES (64 KiB) travel whole on the kept-open connection to their receiver: one frame, one answer,
// no connection of their own. Connecting, a header, chunks and an end would cost more than the bytes themselves.
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { TransferHeader } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { InlinePart } from '../wire/codec.ts';
import { sha256Of } from '../store/sha256.ts';
import { NotSentError, withoutPaths } from './transfers.ts';

interface Waiting {
  to: PeerId;
  resolve: () => void;
  reject: (error: Error) => void;
  /** The sender's clock past which it counts as not delivered. */
  deadline: number;
}

/** Inline files this peer sent and awaits the answers to, each bounded in time. */
export class InlineSender {
  /** Starts anywhere: an answer meant for an earlier run of this peer, or a guess, rarely names a transfer awaited now. */
  private seq = randomInt(0xffff_ffff);
  /** In the order sent, which is their deadlines' order (one timeout for all). */
  private readonly waiting = new Map<number, Waiting>();
  /**
   * One timer for every answer awaited, not one per file: a setTimeout and its clearTimeout cost 12 µs on a thread that
   * slept before the send (bench/get-steps.ts), on a get's path. It fires at the oldest deadline, or later (then finds
   * nothing due, and waits for the next); it holds the thread's event loop open only while an answer is awaited.
   */
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (to: PeerId, part: InlinePart) => void,
    /** With no answer within this, the file counts as not delivered. */
    private readonly answerTimeoutMs: number,
    /** A monotonic clock in ms (tests give one their mocked timers follow). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Sends the whole file (with its sha256, computed here unless the caller has it); resolves once the receiver kept
   * it, rejects with its reason or when no answer can come.
   */
  deliver(to: PeerId, header: TransferHeader, data: Uint8Array, sha256?: Uint8Array): Promise<void> {
    const transfer = (this.seq = (this.seq % 0xffff_ffff) + 1);
    const deadline = this.now() + this.answerTimeoutMs;
    const answered = new Promise<void>((resolve, reject) => {
      this.waiting.set(transfer, { to, resolve, reject, deadline });
    });
    if (this.timer === undefined) this.timer = setTimeout(this.expire, this.answerTimeoutMs);
    else if (this.waiting.size === 1) this.timer.ref();
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
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const transfer of [...this.waiting.keys()]) this.settle(transfer, why);
  }

  /** The timer fired: what is due fails, and it is set again for the oldest still awaited. */
  private readonly expire = (): void => {
    this.timer = undefined;
    // A timer may fire a fraction of a millisecond before a deadline taken on the fractional clock.
    const now = this.now() + 1;
    for (const [transfer, w] of this.waiting) {
      if (w.deadline > now) {
        this.timer = setTimeout(this.expire, w.deadline - now + 1);
        return;
      }
      this.settle(transfer, `no answer within ${this.answerTimeoutMs / 1000} s`);
    }
  };

  private settle(transfer: number, error: string | undefined, unsent = false): void {
    const w = this.waiting.get(transfer);
    if (w === undefined) return;
    this.waiting.delete(transfer);
    if (this.waiting.size === 0) this.timer?.unref();
    if (error === undefined) w.resolve();
    else w.reject(unsent ? new NotSentError(error) : new Error(error));
  }
}
