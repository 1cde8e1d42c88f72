// Waiting for a ring's state to hold without sleeping: the state is read again after each ping round (an event).
import assert from 'node:assert/strict';
import type { Ring } from '../../src/host/ring.ts';

/** Waits until `check` holds, reading the peers' state after each of their ping rounds, not after a sleep. */
export async function untilPinged(
  ring: Ring,
  check: () => Promise<boolean>,
  what: string | (() => string),
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      assert.fail(`${typeof what === 'string' ? what : what()}: not within ${timeoutMs / 1000} s`);
    await ring.waitFor((e) => e.kind === 'line' && e.line.event === 'ping.sent', timeoutMs);
  }
}
