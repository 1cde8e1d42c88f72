// Which worker thread hosts which peer address, told to every other thread of the ring, and the channels threads open
// to each other handed on (src/actor/thread-mesh.ts): so peers of different threads talk over MessagePorts.
import type { MeshNotice, MeshUpdate } from '../actor/thread-mesh.ts';
import type { ActorWorker } from './actor-worker.ts';

export class ThreadDirectory {
  private nextThread = 1;
  private readonly numbers = new Map<ActorWorker, number>();
  private readonly byNumber = new Map<number, ActorWorker>();
  /** Address (host:port) to the thread hosting the peer listening there, and how that peer reads. */
  private readonly addresses = new Map<string, { worker: ActorWorker; reading: string | undefined }>();

  /** A new thread: it is told where the others' peers are before anything else it is asked. */
  add(worker: ActorWorker): void {
    const thread = this.nextThread++;
    this.numbers.set(worker, thread);
    this.byNumber.set(thread, worker);
    const byWorker = new Map<ActorWorker, { addresses: string[]; reading: string | undefined }>();
    for (const [key, { worker: at, reading }] of this.addresses) {
      let group = byWorker.get(at);
      if (group === undefined || group.reading !== reading) byWorker.set(at, (group = { addresses: [], reading }));
      group.addresses.push(key);
    }
    for (const [at, { addresses, reading }] of byWorker)
      worker.tellMesh({ ringdhtMesh: 'at', thread: this.numbers.get(at)!, addresses, reading });
  }

  /** What `worker`'s thread said. */
  notice(worker: ActorWorker, notice: MeshNotice): void {
    const thread = this.numbers.get(worker);
    if (thread === undefined) {
      if (notice.ringdhtMesh === 'connect') notice.port.close();
      return;
    }
    switch (notice.ringdhtMesh) {
      case 'joined':
        for (const key of notice.addresses) this.addresses.set(key, { worker, reading: notice.reading });
        this.tellOthers(worker, { ringdhtMesh: 'at', thread, addresses: notice.addresses, reading: notice.reading });
        break;
      case 'left': {
        const addresses = notice.addresses.filter((key) => this.addresses.get(key)?.worker === worker);
        for (const key of addresses) this.addresses.delete(key);
        if (addresses.length > 0) this.tellOthers(worker, { ringdhtMesh: 'left', addresses });
        break;
      }
      case 'connect': {
        const target = this.byNumber.get(notice.thread);
        if (target === undefined)
          notice.port.close(); // its opener hears the channel close, as a refused connection
        else target.tellMesh({ ringdhtMesh: 'connected', thread, port: notice.port, acks: notice.acks });
        break;
      }
    }
  }

  /** `worker`'s thread ended: its peers are nowhere now. */
  ended(worker: ActorWorker): void {
    const thread = this.numbers.get(worker);
    if (thread === undefined) return;
    this.numbers.delete(worker);
    this.byNumber.delete(thread);
    for (const [key, at] of this.addresses) if (at.worker === worker) this.addresses.delete(key);
    this.tellOthers(worker, { ringdhtMesh: 'gone', thread });
  }

  private tellOthers(worker: ActorWorker, update: MeshUpdate): void {
    for (const other of this.numbers.keys()) if (other !== worker) other.tellMesh(update);
  }
}
