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
  /** Told the outcome once: undefined when the receiver kept the file. */
  done: (error: Error | undefined) => void;
  /** When it fails with no answer. */
  deadline: number;
}

/** Inline files this peer sent and awaits the answers to, each bounded in time. */
export class InlineSender {
  /** Starts anywhere: an answer meant for an earlier run of this peer, or a guess, rarely names a transfer awaited now. */
  private seq = randomInt(0xffff_ffff);
  private readonly waiting = new Map<number, Waiting>();
  /**
   * The transfers awaited, in the order sent, which is their deadlines' order (one timeout for all); answered ones
   * leave from the front as it is answered. One timer, for the oldest: a file sent sets none while it waits, where a
   * timer per file was a timer queue's set and clear on a get's path (bench/README.md, get33).
   */
  private readonly order: number[] = [];
  private timer: TimerHandle | undefined;

  constructor(
    private readonly send: (to: PeerId, part: InlinePart) => void,
    /** With no answer within this, the file counts as not delivered. */
    private readonly answerTimeoutMs: number,
    /** The thread's timers (timer-queue.ts; tests give a queue their mocked timers move). */
    private readonly clock: Clock = threadClock,
  ) {}

  /**
   * Sends the whole file (with its sha256, computed here unless the caller has it); resolves once the receiver kept
   * it, rejects with its reason or when no answer can come.
   */
  deliver(to: PeerId, header: TransferHeader, data: Uint8Array, sha256?: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) =>
      this.sendWhole(to, header, data, sha256 ?? sha256Of(data), (error) =>
        error === undefined ? resolve() : reject(error),
      ),
    );
  }

  /** deliver, its outcome told to `done` (no promise on the way of a get's file). */
  sendWhole(
    to: PeerId,
    header: TransferHeader,
    data: Uint8Array,
    sha256: Uint8Array,
    done: (error: Error | undefined) => void,
  ): void {
    const transfer = (this.seq = (this.seq % 0xffff_ffff) + 1);
    const deadline = this.clock.now() + this.answerTimeoutMs;
    this.waiting.set(transfer, { to, done, deadline });
    this.order.push(transfer);
    this.timer ??= this.clock.setTimer(deadline, this.expire, 'inline');
    try {
      this.send(to, { type: 'inlineFile', transfer, header, data, sha256 });
    } catch (error) {
      this.settle(transfer, withoutPaths(error));
    }
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

  /**
   * The connection to `to` is closing (an answer may never come): what awaits an answer now fails when the returned function is called (after
   * the files it may not have delivered were handed back, each failing as not sent). Only those: a failure's callback
   * may send the next file to `to` at once, on a new connection.
   */
  closing(to: PeerId): () => void {
    const closed: number[] = [];
    for (const [transfer, w] of this.waiting) if (w.to === to) closed.push(transfer);
    return () => {
      for (const transfer of closed) this.settle(transfer, 'connection closed before the file was acknowledged');
    };
  }

  /** Shutting down: nothing more will be answered. */
  failAll(why: string): void {
    for (const transfer of [...this.waiting.keys()]) this.settle(transfer, why);
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** The timer of the oldest file awaited: those past their deadline fail, and it is set again for the next one. */
  private readonly expire = (): void => {
    this.timer = undefined;
    const now = this.clock.now();
    for (let transfer = this.order[0]; transfer !== undefined; transfer = this.order[0]) {
      const deadline = this.waiting.get(transfer)!.deadline;
      if (deadline > now) {
        // A failure's callback may have sent a file meanwhile, and set the timer for its later deadline: replaced.
        if (this.timer !== undefined) this.clock.clearTimer(this.timer);
        this.timer = this.clock.setTimer(deadline, this.expire, 'inline');
        return;
      }
      this.settle(transfer, `no answer within ${this.answerTimeoutMs / 1000} s`);
    }
  };

  private settle(transfer: number, error: string | undefined, unsent = false): void {
    const w = this.waiting.get(transfer);
    if (w === undefined) return;
    this.waiting.delete(transfer);
    // The front of the order is kept a file still awaited (the timer's, when it fires).
    // (The timer stays set when none is left: it finds nothing when it fires, and the next file sends sets none.)
    while (this.order.length > 0 && !this.waiting.has(this.order[0]!)) this.order.shift();
    w.done(error === undefined ? undefined : unsent ? new NotSentError(error) : new Error(error));
  }
}
