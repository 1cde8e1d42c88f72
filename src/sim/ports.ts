// The simulator's ports under each peer's PeerRuntime: the world's network, an in-memory disk, virtual time.
import type { FileEntry, Message, TransferHeader } from '../core/messages.ts';
import type { PeerId } from '../core/ring.ts';
import type { Checked } from '../core/scrub.ts';
import { compareVersions, describeVersion, newer, OLDEST, sameVersion, type Version } from '../core/version.ts';
import type {
  Clock,
  DiskPort,
  FileSink,
  FileSource,
  Keep,
  NetworkPort,
  ReadFailure,
  SendFailure,
  TimerHandle,
} from '../runtime/ports.ts';
import type { RuntimePorts } from '../runtime/runtime.ts';
import type { Content } from './types.ts';

/** A simulated file's bytes: its content token and size stand for them. */
export interface SimSource extends FileSource {
  readonly content: Content;
}

/** Where a simulated file lands when its transfer commits. */
export interface SimSink extends FileSink {
  readonly purpose: 'store' | 'deliver' | 'replica';
  readonly name: string;
  readonly op: number | undefined;
  readonly keep: Keep;
  aborted: boolean;
  /** The bytes are here (in memory, not yet on disk): the world says so first thing when it commits them. */
  arrived(content: Content): void;
  /** Calls `then` with the bytes once they are here (never, if they never come). */
  whenArrived(then: (content: Content) => void): void;
}

/** The sha256 the machine is told a file has: the simulator's content token stands in for its bytes. */
export function digestOf(content: Content): string {
  return content.token.toString(16).padStart(64, '0');
}

export function sourceOf(content: Content): SimSource {
  return {
    content,
    sizeBytes: content.sizeBytes,
    sha256: digestOf(content),
    ...(content.version === undefined ? {} : { version: content.version }),
    close: () => {},
  };
}

function entryOf(name: string, content: Content): FileEntry {
  return { name, sha256: digestOf(content), version: content.version ?? OLDEST };
}

/**
 * Keeps `content` on a simulated disk as a real FileStore would: held (or pending) only if newer than what is there;
 * the same version again is already there. Returns what happened: 'kept', 'already' (nothing to do), or why not.
 */
export function keepOn(
  held: Map<string, Content>,
  pending: Map<string, Content>,
  name: string,
  content: Content,
  keep: Keep,
): 'kept' | 'already' | { error: string } {
  const version = keep.version ?? { ...OLDEST, stamp: (held.get(name)?.version?.stamp ?? 0) + 1 };
  const mine = held.get(name)?.version;
  if (mine !== undefined && !newer(version, mine))
    return sameVersion(mine, version)
      ? 'already'
      : { error: `File ${name} already has a newer version here (${describeVersion(mine)})` };
  const copy: Content = { ...content, version };
  if (keep.pending === true) {
    const waiting = pending.get(name)?.version;
    if (waiting !== undefined && !newer(version, waiting))
      return sameVersion(waiting, version)
        ? 'already'
        : { error: `File ${name} already has a newer version here (${describeVersion(waiting)})` };
    pending.set(name, copy);
    return 'kept';
  }
  held.set(name, copy);
  const waiting = pending.get(name)?.version;
  if (waiting !== undefined && compareVersions(waiting, version) <= 0) pending.delete(name);
  return 'kept';
}

/** What the world does for a peer's ports: the physics of its network, its disk's bookkeeping, its clock. */
export interface SimWorldPorts {
  readonly now: number;
  send(from: PeerId, to: PeerId, transport: 'udp' | 'tcp', message: Message): void;
  sendFile(
    from: PeerId,
    to: PeerId,
    header: TransferHeader,
    content: Content,
    inline: boolean,
    done: (failure: SendFailure | undefined) => void,
  ): void;
  /**
   * The bytes arrived whole at `peer`: they land where the sink says (its disk, or the requester's received file), or
   * nothing lands and the reason comes back (a full or read-only disk).
   */
  commit(peer: PeerId, sink: SimSink, content: Content): string | undefined;
  /** Why `peer`'s disk refuses to delete a file now (read-only), if it does (a world without disk faults leaves it out). */
  removeError?(peer: PeerId): string | undefined;
  /** A held copy was deleted (dropped, or found damaged), or a pending one discarded: `token` says which version. */
  removed(peer: PeerId, name: string, token: number): void;
  /** A pending copy became the held one (its store was acknowledged). */
  promoted(peer: PeerId, name: string, content: Content): void;
  setTimer<T>(peer: PeerId, at: number, fire: (name: T) => void, name: T): TimerHandle;
  clearTimer(peer: PeerId, handle: TimerHandle): void;
}

export class SimNetworkPort implements NetworkPort<SimSource> {
  constructor(
    private readonly world: SimWorldPorts,
    private readonly self: PeerId,
  ) {}

  datagram(to: PeerId, message: Message): void {
    this.world.send(this.self, to, 'udp', message);
  }

  send(to: PeerId, message: Message): void {
    this.world.send(this.self, to, 'tcp', message);
  }

  sendFile(
    to: PeerId,
    header: TransferHeader,
    source: SimSource,
    inline: boolean,
    done: (failure: SendFailure | undefined) => void,
  ): void {
    this.world.sendFile(this.self, to, header, source.content, inline, done);
  }
}

/**
 * A peer's disk: a map from name to content, which outlives the peer's process unless a restart wipes it. The world
 * injects its faults: full or read-only (writes fail), a held file deleted (open finds it missing) or damaged (the
 * send that reads it finds it damaged).
 */
export class SimDisk implements DiskPort<SimSource, SimSink> {
  constructor(
    private readonly world: SimWorldPorts,
    private readonly self: PeerId,
    readonly files: Map<string, Content>,
    /** Stores' copies waiting to be settled. */
    readonly pending: Map<string, Content> = new Map(),
  ) {}

  list(): FileEntry[] {
    return [...this.files].map(([name, content]) => entryOf(name, content));
  }

  listPending(): (FileEntry & { own?: boolean })[] {
    return [...this.pending].map(([name, content]) => ({
      ...entryOf(name, content),
      ...(content.own === true ? { own: true } : {}),
    }));
  }

  open(name: string, _wholeUpTo: number, done: (result: SimSource | ReadFailure) => void, pending?: Version): void {
    const content = pending === undefined ? this.files.get(name) : this.pending.get(name);
    if (content === undefined || (pending !== undefined && !sameVersion(content.version, pending))) {
      return done({
        kind: 'missing',
        message: `File ${name} is no longer stored here${pending === undefined ? '' : ' (pending)'}`,
      });
    }
    done(sourceOf(content));
  }

  create(purpose: 'store' | 'deliver' | 'replica', name: string, op: number | undefined, keep: Keep): SimSink {
    let content: Content | undefined;
    const waiting: ((content: Content) => void)[] = [];
    const sink: SimSink = {
      purpose,
      name,
      op,
      keep,
      aborted: false,
      abort() {
        this.aborted = true;
      },
      arrived(bytes) {
        if (content !== undefined || this.aborted) return;
        content = bytes;
        for (const then of waiting.splice(0)) then(bytes);
      },
      whenArrived(then) {
        if (content !== undefined) then(content);
        else waiting.push(then);
      },
    };
    return sink;
  }

  openArriving(sink: SimSink, _wholeUpTo: number, done: (result: SimSource) => void): void {
    // The arriving copy, at the version the store gave it (as the pending copy on disk will be).
    sink.whenArrived((content) =>
      done(sourceOf({ ...content, ...(sink.keep.version === undefined ? {} : { version: sink.keep.version }) })),
    );
  }

  settle(
    name: string,
    version: Version,
    outcome: 'commit' | 'discard',
    done: (error: string | undefined) => void,
  ): void {
    const waiting = this.pending.get(name);
    if (waiting === undefined || !sameVersion(waiting.version, version)) {
      return done(outcome === 'discard' ? undefined : `no pending copy of File ${name} at that version`);
    }
    if (outcome === 'discard') {
      // The responsible peer's own copy is committed when a restart finds it pending: its discard must be durable, and a
      // disk that deletes nothing refuses it (as the real store's refused discard record).
      const refused = waiting.own === true ? this.world.removeError?.(this.self) : undefined;
      if (refused !== undefined) return done(refused);
      this.pending.delete(name);
      this.world.removed(this.self, name, waiting.token);
      return done(undefined);
    }
    const error = this.world.removeError?.(this.self);
    if (error !== undefined) return done(error);
    this.pending.delete(name);
    const held = this.files.get(name)?.version;
    if (held !== undefined && !newer(version, held))
      return done(sameVersion(held, version) ? undefined : `File ${name} already has a newer version here`);
    const { own: _own, ...committed } = waiting;
    this.world.promoted(this.self, name, committed);
    done(undefined);
  }

  copy(
    source: SimSource,
    sink: SimSink,
    done: (error: string | undefined, sha256?: string, damaged?: boolean) => void,
  ): void {
    if (source.content.damaged === true)
      return done(`File ${sink.name} is damaged on disk (its checksum does not match)`, undefined, true);
    const error = this.world.commit(this.self, sink, source.content);
    if (typeof error === 'string') return done(error);
    done(undefined, digestOf(source.content));
  }

  verify(
    name: string,
    sha256: string,
    done: (failure: ReadFailure | undefined, checked?: Checked) => void,
    maxBytes?: number,
  ): void {
    const content = this.files.get(name);
    if (content === undefined) return done({ kind: 'missing', message: `File ${name} is no longer stored here` });
    if (digestOf(content) !== sha256) return done(undefined); // replaced by another copy: not the one asked about
    const { sizeBytes } = content;
    if (maxBytes !== undefined && sizeBytes > maxBytes) return done(undefined, { sizeBytes, skipped: true });
    if (content.damaged === true)
      return done(
        { kind: 'damaged', message: `File ${name} is damaged on disk (its checksum does not match)` },
        { sizeBytes },
      );
    done(undefined, { sizeBytes });
  }

  remove(
    name: string,
    sha256: string | undefined,
    done: (removed: boolean, error?: string) => void,
    version?: Version,
  ): void {
    const content = this.files.get(name);
    if (content === undefined || (sha256 !== undefined && digestOf(content) !== sha256)) return done(false);
    if (version !== undefined && !sameVersion(content.version, version)) return done(false);
    const error = this.world.removeError?.(this.self);
    if (error !== undefined) return done(false, error);
    this.files.delete(name);
    this.world.removed(this.self, name, content.token);
    done(true);
  }
}

/** Virtual time: timers are world events, void once cancelled or once the peer's process has ended. */
export class SimClock implements Clock {
  constructor(
    private readonly world: SimWorldPorts,
    private readonly self: PeerId,
  ) {}

  now(): number {
    return this.world.now;
  }

  setTimer<T>(at: number, fire: (name: T) => void, name: T): TimerHandle {
    return this.world.setTimer(this.self, at, fire, name);
  }

  clearTimer(handle: TimerHandle): void {
    this.world.clearTimer(this.self, handle);
  }
}

/** A simulated peer's ports: the world's network and virtual clock, and its own disk. */
export function simPorts(world: SimWorldPorts, self: PeerId, disk: SimDisk): RuntimePorts<SimSource, SimSink> {
  return { network: new SimNetworkPort(world, self), disk, clock: new SimClock(world, self) };
}
