// A whole buffer's sha256 in one call. crypto.hash (Node ≥ 20.12) makes no Hash object: on a peer thread that slept
// before the call, 12-35 µs where createHash, update and digest took 29-91 (bench/get-steps.ts, eighteenth round);
// a get computes two (the holder's check of its bytes, the origin's of what arrived).
// Not named `crypto`: in the actor's bundle it becomes a top-level var, which would write the global's getter.
import * as nodeCrypto from 'node:crypto';

const oneShot = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

export function sha256Of(data: Uint8Array): Buffer {
  return oneShot !== undefined
    ? oneShot('sha256', data, 'buffer')
    : nodeCrypto.createHash('sha256').update(data).digest();
}
