// Reading a --json ringdht process in the netns tier: wait for an event, run a command and wait for its completion.
import type { CliProcess } from '../e2e/cli.ts';

export type Event = Record<string, unknown> & { event: string };

export function events(proc: CliProcess): Event[] {
  return proc.lines().flatMap((line) => {
    try {
      return [JSON.parse(line) as Event];
    } catch {
      return [];
    }
  });
}

/** What `pick` finds among the events (already printed or still to come); rejects if the process ends first or at `ms`. */
export function waitFor<T>(
  proc: CliProcess,
  pick: (all: Event[]) => T | undefined,
  what: string,
  ms = 30_000,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let found: T | undefined;
  // waitForLine asks once per line: the events are read (and `pick` run) once per new output, not once per line, and
  // not at all once this wait is over (its deadline passed).
  let readAt = -1;
  let over = false;
  const seen = proc.waitForLine(() => {
    if (found === undefined && !over && readAt !== proc.stdout.length) {
      readAt = proc.stdout.length;
      found = pick(events(proc));
    }
    return found !== undefined || over;
  }, what);
  seen.catch(() => {}); // after the deadline, the process ending is no news
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no ${what} within ${ms / 1000} s\nstdout:\n${proc.stdout.slice(-4000)}\nstderr:\n${proc.stderr}`),
        ),
      ms,
    );
  });
  return Promise.race([seen, deadline])
    .then(() => found as T)
    .finally(() => {
      clearTimeout(timer);
      over = true;
    });
}

/** The first event that matches. */
export function waitEvent(proc: CliProcess, match: (e: Event) => boolean, what: string, ms = 30_000): Promise<Event> {
  return waitFor(proc, (all) => all.find(match), what, ms);
}

/** Sends a command and waits for its command.done (the first after those already printed). */
export async function command(proc: CliProcess, text: string, ms = 30_000): Promise<Event> {
  const done = (all: Event[]) => all.filter((e) => e.event === 'command.done');
  const before = done(events(proc)).length;
  proc.send(text);
  return waitFor(proc, (all) => done(all)[before], `command.done of "${text}"`, ms);
}

/** The status events of a process's `peers` peers (after a `status` command, which prints one per peer). */
export async function status(proc: CliProcess, peers = 1): Promise<Event[]> {
  const before = events(proc).filter((e) => e.event === 'status').length;
  proc.send('status');
  return waitFor(
    proc,
    (all) => {
      const found = all.filter((e) => e.event === 'status').slice(before);
      return found.length >= peers ? found : undefined;
    },
    'status',
  );
}

/** Checks `ok` every `everyMs` until it holds, at most `ms`: for states with no single line that says so. */
export async function until(
  ok: () => Promise<boolean>,
  what: string | (() => string),
  ms = 30_000,
  everyMs = 500,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`${typeof what === 'string' ? what : what()}: not so within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
