// The shell's way out: a Ctrl-C or SIGTERM that arrives while the peers are still starting ends it too.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { Ring } from '../../src/host/ring.ts';
import { Printer } from '../../src/repl/output.ts';
import { runShell } from '../../src/repl/shell.ts';

/** Just what the shell touches of a ring before it reads a line. */
const ring = { ids: () => [1], has: (id: number) => id === 1, on: () => () => {} } as unknown as Ring;

function shell(signal: AbortSignal, input: PassThrough): Promise<number> {
  const printer = new Printer({ json: false, prefix: true, startedAt: 0, out: () => {}, err: () => {} });
  return runShell({ ring, printer, input, interactive: false, ringProcess: true, idBits: 8, signal });
}

test('a signal that came before the shell started ends it at once, with input still open', async () => {
  const input = new PassThrough(); // stdin of a process nobody typed into: never ends by itself
  const stop = new AbortController();
  stop.abort();
  assert.equal(await shell(stop.signal, input), 0);
  input.destroy();
});

test('a signal while the shell waits for input ends it', async () => {
  const input = new PassThrough();
  const stop = new AbortController();
  const done = shell(stop.signal, input);
  stop.abort();
  assert.equal(await done, 0);
  input.destroy();
});
