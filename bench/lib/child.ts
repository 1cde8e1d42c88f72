// Runs a plain-JS bench child process and reads the one JSON line it prints; killed (by its pid) if it overruns.
import { spawn } from 'node:child_process';

export function runChild<T>(file: URL, args: unknown, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', file.pathname, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) return resolve(JSON.parse(last) as T);
      const why = signal === 'SIGKILL' ? `killed after ${timeoutMs / 1000} s` : `exit code ${code}`;
      const lines = stderr.split('\n');
      const detail = (
        lines.find((l) => l.includes('loopback guard')) ??
        lines.find((l) => /Error/.test(l)) ??
        last
      ).slice(0, 300);
      reject(new Error(`${file.pathname.split('/').pop()} failed (${why}): ${detail}`));
    });
  });
}
