// A store command from the library's arguments (PeerHandle.store, PeerClient.store): a path, or options.
import type { PeerCommand } from '../actor/config.ts';

/** Where a store's bytes come from, in the library API. */
export interface StoreOptions {
  /** The file to send (a relative path against the working directory); default NAME.pdf, else NAME, in the files directory. */
  path?: string;
  /** Store an empty record (no file is read): only this way is a store ever empty. */
  empty?: boolean;
}

/** A store command from the library's arguments: a path, or options. */
export function storeCommand(name: string, source?: string | StoreOptions): Extract<PeerCommand, { kind: 'store' }> {
  const options = typeof source === 'string' ? { path: source } : (source ?? {});
  return {
    kind: 'store',
    name,
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.empty === true ? { empty: true } : {}),
  };
}
