// File transfers played as the actor plays them: header, then the bytes after a size-dependent delay, then the ack.
import type { Input, TransferRef } from '../core/io.ts';
import type { PeerId } from '../core/ring.ts';
import { checkWrite } from './invariants.ts';
import type { Content } from './types.ts';
import { digestOf, type World } from './world.ts';

export type TransferEvent =
  | { type: 'header' | 'done' | 'ack'; transfer: number }
  /** One end learns that its transfer failed; void if that end crashed since. */
  | { type: 'transferFailed'; peer: PeerId; inc: number; input: Input };

interface Transfer {
  /** As the sender sees it: `ref.peer` is the receiver. */
  ref: TransferRef;
  sender: PeerId;
  receiver: PeerId;
  senderInc: number;
  content: Content;
  /** connecting: header on its way; streaming: receiver accepted, bytes on their way; acking: the answer on its way. */
  phase: 'connecting' | 'streaming' | 'acking';
  refusal?: string;
}

export class Transfers {
  private readonly active = new Map<number, Transfer>();
  private seq = 0;
  ok = 0;
  failed = 0;

  constructor(private readonly world: World) {}

  start(sender: PeerId, ref: TransferRef): void {
    const w = this.world;
    const receiver = ref.peer;
    const content = this.sourceOf(sender, ref);
    w.note(`transfer ${sender}->${receiver} ${ref.purpose}${ref.op === undefined ? '' : ` op=${ref.op}`} ${ref.name}${content ? ` ${content.sizeBytes} B` : ''}`);
    if (content === undefined) return this.failSender(ref, sender, w.now, ref.purpose === 'store' ? `no source for operation ${ref.op}` : `File ${ref.name} is no longer stored here`);
    if (!w.isPeer(receiver)) return this.failSender(ref, sender, w.now, `Peer ${receiver} is unreachable`);
    if (!w.partitions.reachable(sender, receiver)) return this.failSender(ref, sender, w.now + w.config.connectTimeoutMs, 'connect timed out');
    const rtt = w.delayMs(sender, receiver) + w.delayMs(receiver, sender);
    if (w.machineOf(receiver) === undefined) return this.failSender(ref, sender, w.now + rtt, 'connection refused (is the peer running?)');
    const id = ++this.seq;
    this.active.set(id, { ref, sender, receiver, senderInc: w.incarnationOf(sender), content, phase: 'connecting' });
    w.at(w.now + rtt, { type: 'header', transfer: id }); // connect, then the header
  }

  process(event: TransferEvent): void {
    const w = this.world;
    if (event.type === 'transferFailed') {
      if (w.machineOf(event.peer) !== undefined && w.incarnationOf(event.peer) === event.inc) {
        if (event.input.type === 'transferSent') this.failed++;
        w.feed(event.peer, event.input);
      }
      return;
    }
    const t = this.active.get(event.transfer);
    if (t === undefined) return; // ended by a crash or a partition
    const atReceiver: TransferRef = { ...t.ref, peer: t.sender };
    if (event.type === 'header' && t.phase === 'connecting') {
      const effects = w.feed(t.receiver, { type: 'transferStarted', transfer: event.transfer, ref: atReceiver });
      const refusal = effects.find((e) => e.type === 'refuseTransfer' && e.transfer === event.transfer);
      if (refusal?.type === 'refuseTransfer') {
        t.phase = 'acking';
        t.refusal = refusal.reason;
        w.at(w.now + w.delayMs(t.receiver, t.sender), { type: 'ack', transfer: event.transfer });
      } else {
        t.phase = 'streaming';
        w.at(w.now + t.content.sizeBytes / w.config.bandwidthBytesPerMs + w.delayMs(t.sender, t.receiver), { type: 'done', transfer: event.transfer });
      }
    } else if (event.type === 'done' && t.phase === 'streaming') {
      // The bytes are durable before the machine hears of them, as in the actor.
      if (t.ref.purpose !== 'deliver') w.write(t.receiver, t.ref.name, t.content);
      else {
        const record = w.ops.get(t.ref.op);
        if (record?.origin === t.receiver) record.received = t.content;
      }
      t.phase = 'acking';
      w.feed(t.receiver, { type: 'transferReceived', ref: atReceiver, sha256: digestOf(t.content) });
      if (t.ref.purpose !== 'deliver') w.check(checkWrite(w, w.on, t.receiver, t.ref.name));
      w.at(w.now + w.delayMs(t.receiver, t.sender), { type: 'ack', transfer: event.transfer });
    } else if (event.type === 'ack' && t.phase === 'acking') {
      this.active.delete(event.transfer);
      if (w.machineOf(t.sender) === undefined || w.incarnationOf(t.sender) !== t.senderInc) return;
      if (!w.partitions.reachable(t.sender, t.receiver)) return this.failSender(t.ref, t.sender, w.now + w.config.transferIdleTimeoutMs, 'timed out');
      if (t.refusal === undefined) this.ok++;
      else this.failed++;
      w.feed(t.sender, t.refusal === undefined ? { type: 'transferSent', ref: t.ref } : { type: 'transferSent', ref: t.ref, error: t.refusal });
    }
  }

  /** A peer crashed: transfers it was one end of break, and the other end hears of it. */
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
      if (t.receiver === id) this.failSender(t.ref, t.sender, at, 'connection reset by the peer');
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
      this.failSender(t.ref, t.sender, at, 'timed out');
    }
  }

  private sourceOf(sender: PeerId, ref: TransferRef): Content | undefined {
    if (ref.purpose !== 'store') return this.world.diskOf(sender).get(ref.name);
    const record = this.world.ops.get(ref.op);
    return record?.origin === sender ? record.content : undefined;
  }

  private failSender(ref: TransferRef, sender: PeerId, at: number, error: string): void {
    this.world.at(at, { type: 'transferFailed', peer: sender, inc: this.world.incarnationOf(sender), input: { type: 'transferSent', ref, error } });
  }

  private failReceiver(t: Transfer, at: number, error: string): void {
    const ref: TransferRef = { ...t.ref, peer: t.sender };
    this.world.at(at, { type: 'transferFailed', peer: t.receiver, inc: this.world.incarnationOf(t.receiver), input: { type: 'transferReceived', ref, error } });
  }
}
