// The versions and pending copies the store tests write, said once.
import type { Version } from '../../src/core/version.ts';
import type { FileStore } from '../../src/store/file-store.ts';

/** A version stamped `stamp`, by peer 8's op 1 unless said. */
export const v = (stamp: number, origin = 8, op = 1): Version => ({ stamp, origin, op });

const bytesOf = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? Buffer.from(data) : data);

/** A replica's whole pending copy, appended to the copy log. */
export const logged = (store: FileStore, name: string, data: Uint8Array | string, version: Version) =>
  store.putWhole(name, bytesOf(data), { version, pending: true, logged: true });

/** The responsible peer's own pending copy, in the copy log (its entries are written alongside its record). */
export const own = (store: FileStore, name: string, data: Uint8Array | string, version: Version) =>
  store.putWhole(name, bytesOf(data), { version, pending: true, logged: true, own: true });
