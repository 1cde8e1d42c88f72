// A peer whose successor list holds one other peer and itself (the rest declared gone), that other peer silent lately
// (it missed a hop), is not alone: a lookup it cannot serve goes on to that peer, and is sent again if it is lost. Taken
// for alone, it served every key: hosts 3044, 44's successors 47 and 58 crashed and were rejoining; once 58 was declared
// gone its list was [47, 44], and with 47 avoided a store of key 109 landed on 44, and a request for it that went the
// right way found no copy.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Router } from '../../src/core/router.ts';

/** 44's router alone, along successors: its list is [47, 44]. */
function routerAt44(): Router {
  return new Router(
    {
      id: 44,
      idBits: 8,
      routing: 'successor',
      fingerIntervalMs: 1000,
      hopTimeoutMs: 500,
      avoidMs: 5000,
      passedOnMs: 3000,
      opTimeoutMs: 3000,
      lateMs: 1000,
    },
    {
      successors: () => [47, 44],
      predecessors: () => [30, 20],
      joined: () => true,
      reroute: () => {},
      found: () => {},
    },
  );
}

describe('a peer whose only other successor missed a hop lately', () => {
  test('sends a lookup for a key it does not serve on to that successor, not to itself', () => {
    const router = routerAt44();
    // 47 refused a connection: avoided for a while.
    router.shun(47, 0);
    assert.ok(router.avoids(47, 1));
    assert.deepEqual(router.next(109, false, 2), { to: 47, final: false }, 'key 109 is not 44’s to serve');
    assert.deepEqual(router.liveSuccessors(2), [47, 44]);
  });
});
