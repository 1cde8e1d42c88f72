// a minimal message pump over PeerMachines at any id size (the TestRing is 8-bit only): sends are delivered
// in order, timers are not run, transfers are dropped; it counts what it delivered and stops at a step limit.
import { machineConfig, resolveConfig } from '../../../src/config.ts';
import type { Effect } from '../../../src/core/io.ts';
import { PeerMachine } from '../../../src/core/machine.ts';
import type { Message } from '../../../src/core/messages.ts';
import type { PeerId } from '../../../src/core/ring.ts';

export interface Sent {
  from: PeerId;
  to: PeerId;
  message: Message;
}

export class Pump {
  readonly machines = new Map<PeerId, PeerMachine>();
  readonly queue: Sent[] = [];
  readonly delivered: Sent[] = [];
  now = 0;
  /** Sends to a peer not in the pump come back to their sender as undeliverable (a refused connection). */
  refuse = true;

  /** `fingers`: each peer's table as built (finger routing), none otherwise. */
  constructor(
    ring: ReadonlyArray<readonly [PeerId, PeerId[]]>,
    idBits: number,
    successorCount?: number,
    fingers?: (id: PeerId) => PeerId[],
  ) {
    const settings = resolveConfig({
      idBits,
      replicas: 1,
      pingIntervalMs: 1000,
      ...(successorCount === undefined ? {} : { successorCount }),
    });
    for (const [id, successors] of ring)
      this.machines.set(
        id,
        new PeerMachine(
          machineConfig(settings, {
            id,
            successors,
            held: [],
            ...(fingers === undefined ? {} : { fingers: fingers(id) }),
          }),
        ),
      );
  }

  feed(to: PeerId, from: PeerId, message: Message): Effect[] {
    const effects = this.machines.get(to)!.handle({ type: 'message', from, message }, this.now);
    this.take(to, effects);
    return effects;
  }

  take(from: PeerId, effects: Effect[]): void {
    for (const e of effects) if (e.type === 'send') this.queue.push({ from, to: e.to, message: e.message });
  }

  /** Delivers until the queue is empty or `limit` messages were delivered; true when it emptied. */
  run(limit = 10_000): boolean {
    while (this.queue.length > 0) {
      if (this.delivered.length >= limit) return false;
      const next = this.queue.shift()!;
      this.delivered.push(next);
      this.now += 1;
      const m = this.machines.get(next.to);
      if (m !== undefined)
        this.take(next.to, m.handle({ type: 'message', from: next.from, message: next.message }, this.now));
      else if (this.refuse) {
        // A peer that is down: the sender's connection is refused, as the runtime reports it.
        const sender = this.machines.get(next.from);
        if (sender !== undefined)
          this.take(next.from, sender.handle({ type: 'undeliverable', to: next.to, message: next.message }, this.now));
      }
    }
    return true;
  }

  count(type: Message['type']): number {
    return this.delivered.filter((d) => d.message.type === type).length;
  }
}
