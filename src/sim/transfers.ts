// Files on the simulated network, as the real network port moves them: streamed (connect, header, bytes after a
// size-dependent delay, acknowledgement) or inline (the whole file on the kept-open connection, then its answer).
import type { TransferHeader } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { Admission, SendFailure } from '../runtime/ports.ts';
import { checkWrite } from './invariants.ts';
import { digestOf, type SimSink } from './ports.ts';
import type { Content } from './types.ts';
import type { World } from './world.ts';

export type TransferEvent =
  | { type: 'header' | 'done' | 'ack'; transfer: number }
  /** One end learns that its transfer failed; void if that end's process ended since. */
  | { type: 'transferFailed'; peer: PeerId; inc: number; fail: () => void };

interface Transfer {
  sender: PeerId;
  receiver: PeerId;
  senderInc: number;
  receiverInc: number;
  header: TransferHeader;
  content: Content;
  inline: boolean;
  done: (failure: SendFailure | undefined) => void;
  /** connecting: header (or the inline file) on its way; streaming: bytes on their way; acking: the answer on its way. */
  phase: 'connecting' | 'streaming' | 'acking';
  admission?: Extract<Admission<SimSink>, { ok: true }>;
  refusal?: string;
}

export class Transfers {
  private readonly active = new Map<number, Transfer>();
  private seq = 0;
  ok = 0;
  failed = 0;

  constructor(private readonly world: World) {}

  start(
    sender: PeerId,
    receiver: PeerId,
    header: TransferHeader,
    content: Content,
    inline: boolean,
    done: (failure: SendFailure | undefined) => void,
  ): void {
    const w = this.world;
    w.note(
      `transfer ${sender}->${receiver} ${header.purpose}${header.op === undefined ? '' : ` op=${header.op}`} ${header.name} ${content.sizeBytes} B${inline ? ' inline' : ''}`,
    );
    // Each of these fails before a connection is made: none of the bytes reached the receiver.
    const unsent = (at: number, message: string) => this.failSender(sender, at, () => done({ message, unsent: true }));
    // A file that goes inline is read whole first: a damaged copy is found before anything is sent.
    if (inline && content.damaged === true)
      return this.failSender(sender, w.now, () => done(damagedFailure(header.name)));
    if (!w.isPeer(receiver)) return unsent(w.now, `Peer ${receiver} is unreachable`);
    if (!w.partitions.reachable(sender, receiver))
      return unsent(w.now + w.config.connectTimeoutMs, 'connect timed out');
    const rtt = w.delayMs(sender, receiver) + w.delayMs(receiver, sender);
    if (w.runtimeOf(receiver) === undefined) return unsent(w.now + rtt, 'connection refused (is the peer running?)');
    const id = ++this.seq;
    const t: Transfer = {
      sender,
      receiver,
      senderInc: w.incarnationOf(sender),
      receiverInc: w.incarnationOf(receiver),
      header,
      content,
      inline,
      done,
      phase: 'connecting',
    };
    this.active.set(id, t);
    // Inline: one frame on the kept-open connection, its bytes included. Streamed: connect, then the header.
    const at = inline ? w.tcpArrival(sender, receiver) + content.sizeBytes / w.config.bandwidthBytesPerMs : w.now + rtt;
    w.at(at, { type: 'header', transfer: id });
  }

  process(event: TransferEvent): void {
    const w = this.world;
    if (event.type === 'transferFailed') {
      if (w.runtimeOf(event.peer) !== undefined && w.incarnationOf(event.peer) === event.inc) {
        event.fail();
      }
      return;
    }
    const t = this.active.get(event.transfer);
    if (t === undefined) return; // ended by a crash or a partition
    if (event.type === 'header' && t.phase === 'connecting') {
      const runtime = w.runtimeOf(t.receiver);
      if (runtime === undefined || w.incarnationOf(t.receiver) !== t.receiverInc) {
        this.active.delete(event.transfer);
        return this.failSender(t.sender, w.now + w.delayMs(t.receiver, t.sender), () =>
          t.done({ message: 'connection reset by the peer' }),
        );
      }
      const admission = runtime.admit(t.sender, t.header);
      if (!admission.ok) {
        t.phase = 'acking';
        t.refusal = admission.reason;
        w.at(w.now + w.delayMs(t.receiver, t.sender), { type: 'ack', transfer: event.transfer });
        return;
      }
      t.admission = admission;
      t.phase = 'streaming';
      if (t.inline) this.arrived(event.transfer, t);
      else
        w.at(w.now + t.content.sizeBytes / w.config.bandwidthBytesPerMs + w.delayMs(t.sender, t.receiver), {
          type: 'done',
          transfer: event.transfer,
        });
    } else if (event.type === 'done' && t.phase === 'streaming') {
      if (t.content.damaged === true) return this.damaged(event.transfer, t);
      this.arrived(event.transfer, t);
    } else if (event.type === 'ack' && t.phase === 'acking') {
      this.active.delete(event.transfer);
      if (w.runtimeOf(t.sender) === undefined || w.incarnationOf(t.sender) !== t.senderInc) return;
      if (!w.partitions.reachable(t.sender, t.receiver))
        return this.failSender(t.sender, w.now + w.config.transferIdleTimeoutMs, () =>
          t.done({ message: 'timed out' }),
        );
      if (t.refusal === undefined) this.ok++;
      else this.failed++;
      t.done(t.refusal === undefined ? undefined : { message: t.refusal });
    }
  }

  /**
   * A streamed copy whose bytes are not the recorded ones: the sender finds it out once it read them all, and ends the
   * transfer without the acknowledgement; the receiver throws the bytes away.
   */
  private damaged(id: number, t: Transfer): void {
    const w = this.world;
    this.active.delete(id);
    this.failReceiver(t, w.now + w.delayMs(t.sender, t.receiver), 'connection reset by the peer');
    this.failSender(t.sender, w.now, () => t.done(damagedFailure(t.header.name)));
  }

  /** The bytes are durable before the runtime hears of them, as on a real disk (or nothing lands: a full disk). */
  private arrived(id: number, t: Transfer): void {
    const w = this.world;
    const admission = t.admission!;
    const error = w.commit(t.receiver, admission.sink, t.content);
    t.phase = 'acking';
    if (error !== undefined) t.refusal = `Peer ${t.receiver} could not write File ${t.header.name}: ${error}`;
    admission.finished(error, error === undefined ? digestOf(t.content) : undefined);
    if (t.header.purpose !== 'deliver') w.check(checkWrite(w, w.on, t.receiver, t.header.name));
    w.at(w.now + w.delayMs(t.receiver, t.sender), { type: 'ack', transfer: id });
  }

  /** A peer's process ended: transfers it was one end of break, and the other end hears of it. */
  crashed(id: PeerId): void {
    const w = this.world;
    for (const [key, t] of this.active) {
      if (t.sender !== id && t.receiver !== id) continue;
      if (t.phase === 'acking') continue; // the answer is on its way (or its sender is gone: then it is void)
      this.active.delete(key);
      if (t.sender === t.receiver) continue;
      const other = t.sender === id ? t.receiver : t.sender;
      const at = w.now + w.delayMs(id, other);
      if (t.sender === id && t.phase === 'streaming') this.failReceiver(t, at, 'connection reset by the peer');
      if (t.receiver === id) this.failSender(t.sender, at, () => t.done({ message: 'connection reset by the peer' }));
    }
  }

  /** A partition began: transfers across it stall until the idle timeout ends them at both ends. */
  partitioned(): void {
    const w = this.world;
    for (const [key, t] of this.active) {
      if (t.phase === 'acking' || w.partitions.reachable(t.sender, t.receiver)) continue;
      this.active.delete(key);
      const at = w.now + w.config.transferIdleTimeoutMs;
      if (t.phase === 'streaming') this.failReceiver(t, at, 'timed out');
      this.failSender(t.sender, at, () => t.done({ message: 'timed out' }));
    }
  }

  private failSender(sender: PeerId, at: number, fail: () => void): void {
    this.world.at(at, {
      type: 'transferFailed',
      peer: sender,
      inc: this.world.incarnationOf(sender),
      fail: () => {
        this.failed++;
        fail();
      },
    });
  }

  private failReceiver(t: Transfer, at: number, error: string): void {
    const admission = t.admission;
    if (admission === undefined) return;
    this.world.at(at, {
      type: 'transferFailed',
      peer: t.receiver,
      inc: t.receiverInc,
      fail: () => {
        admission.sink.abort();
        admission.finished(error);
      },
    });
  }
}

/** What the real network port reports for a held copy whose bytes do not match their checksum. */
function damagedFailure(name: string): SendFailure {
  return { message: `File ${name} is damaged on disk (its checksum does not match)`, damaged: true };
}
