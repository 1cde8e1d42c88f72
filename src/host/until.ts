// Waiting for a condition on a ring without sleeping: it is checked at once, then again after each event the ring reports.

/** What `until` listens to: a ring's `on`, or anything with the same shape. */
export type Subscribe = (listener: () => void) => () => void;

/**
 * Resolves once `check` resolves to undefined; re-checks after every event (one check at a time, and
 * one more if events came during it). Rejects after `timeoutMs` with `what` and the last answer of
 * `check`, which says what is still wrong.
 */
export function until(
  subscribe: Subscribe,
  check: () => Promise<string | undefined>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let last: string | undefined = 'not checked yet';
    let checking = false;
    let again = false;
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`${what} within ${timeoutMs / 1000} s: ${last}`)), timeoutMs);
    // Listening starts before the first check, so an event during it is not missed.
    const off = subscribe(() => void run());
    function finish(error?: Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      off();
      if (error) reject(error);
      else resolve();
    }
    async function run(): Promise<void> {
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          last = await check();
          if (last === undefined) return finish();
        } while (again && !settled);
      } catch (error) {
        finish(error as Error);
      } finally {
        checking = false;
      }
    }
    void run();
  });
}
