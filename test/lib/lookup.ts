// A plain request lookup for a hop's tests: the message a transport carries most.
import type { Lookup } from '../../src/core/messages.ts';

/** A request for 2067 (key 19) from `origin`, op `op`, on its first hop. */
export const requestLookup = (origin: number, op: number): Lookup => ({
  type: 'lookup',
  kind: 'request',
  origin,
  op,
  name: '2067',
  key: 19,
  final: false,
  hops: 0,
  attempt: 0,
});
