// Runs the ringdht CLI (or init.sh) as a child process for end-to-end tests; every child is bounded in time and ended by its PID.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBasePort } from '../../src/host/testing.ts';

// The command as users run it: dist/, which scripts/test.mjs builds before this tier (`npm run build` when run alone).
export const BIN = fileURLToPath(new URL('../../bin/ringdht.mjs', import.meta.url));
export const INIT_SH = fileURLToPath(new URL('../../init.sh', import.meta.url));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running CLI process whose output is collected line by line. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<Finished>;
  stdout = '';
  stderr = '';
  private readonly waiters = new Set<() => void>();
  private readonly killer: NodeJS.Timeout;

  constructor(
    command: string,
    args: string[],
    /** `unset`: variables of this process's environment the child does not get (`env` may set them again). */
    options: { cwd: string; env?: Record<string, string>; unset?: string[]; timeoutMs?: number },
  ) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of options.unset ?? []) delete env[name];
    Object.assign(env, options.env);
    this.child = spawn(command, args, { cwd: options.cwd, env, stdio: 'pipe' });
    this.child.stdout.setEncoding('utf8').on('data', (text: string) => {
      this.stdout += text;
      this.notify();
    });
    this.child.stderr.setEncoding('utf8').on('data', (text: string) => {
      this.stderr += text;
      this.notify();
    });
    // A bound on every child: one that hangs is killed (by its own PID) and the test sees a null exit code.
    this.killer = setTimeout(() => this.child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => {
        clearTimeout(this.killer);
        this.notify();
        resolve({ code, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  lines(stream: 'stdout' | 'stderr' = 'stdout'): string[] {
    return (stream === 'stdout' ? this.stdout : this.stderr).split('\n').filter((l) => l !== '');
  }

  /** Resolves when stdout (or stderr) has a line matching `match` (already or later); rejects if the process ends first. */
  waitForLine(
    match: (line: string) => boolean,
    what = 'a matching line',
    stream: 'stdout' | 'stderr' = 'stdout',
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines(stream).find(match);
        if (found !== undefined) {
          this.waiters.delete(check);
          resolve(found);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          this.waiters.delete(check);
          reject(new Error(`process ended before ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Ends standard input (the shell's end of input) and waits for the process to exit. */
  finish(): Promise<Finished> {
    this.child.stdin.end();
    return this.exited;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Runs the CLI with `input` as standard input and waits for it to exit. */
export function runCli(
  args: string[],
  options: { cwd: string; input?: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<Finished> {
  const proc = new CliProcess(process.execPath, [BIN, ...args], options);
  proc.child.stdin.end(options.input ?? '');
  return proc.exited;
}

export async function tempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'ringdht-e2e-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A base port whose ports BASE+0..BASE+255 are, as far as a quick probe of `ids` can tell, free on 127.0.0.1. */
export async function freeBasePort(ids: readonly number[]): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = randomBasePort();
    if ((await Promise.all(ids.map((id) => portFree(base + id)))).every(Boolean)) return base;
  }
  throw new Error('no free base port found');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The rows of the `status` tables in `stdout` (text output), each a map from column header to cell: a cell wrapped
 * onto more lines is joined back with spaces.
 */
export function statusRows(stdout: string): Record<string, string>[] {
  const lines = stdout.split('\n');
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^peer\s+address\s+/.test(lines[i]!)) continue;
    const header = lines[i]!;
    const starts = [...header.matchAll(/\S+/g)].map((m) => ({ name: m[0], at: m.index }));
    // `peer` is right-aligned: its cells end where its header does.
    const cellsOf = (line: string) =>
      starts.map((column, c) => line.slice(c === 0 ? 0 : column.at, starts[c + 1]?.at ?? line.length).trim());
    // A row starts with its peer's id; a line that starts with spaces only continues the row above.
    for (let j = i + 2; j < lines.length && /^\s*\d+\s|^ {4,}\S/.test(lines[j]!); j++) {
      const cells = cellsOf(lines[j]!);
      const row: Record<string, string> = Object.fromEntries(starts.map((column, c) => [column.name, cells[c]!]));
      if (row['peer'] === '' && rows.length > 0) {
        const last = rows.at(-1)!;
        for (const column of starts) if (row[column.name] !== '') last[column.name] += ` ${row[column.name]}`;
      } else rows.push(row);
    }
  }
  return rows;
}
