// The machine and software a run was measured on, for latest.json.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const ROOT = new URL('../../', import.meta.url);
/** Packages whose versions shape the numbers: ours, our wire and actor stack, and the DHTs compared with. */
const PACKAGES = [
  'protobufjs',
  'comlink',
  'tsx',
  'hyperdht',
  'dht-rpc',
  'udx-native',
  'bittorrent-dht',
  'k-rpc',
  'vega',
  'vega-lite',
];

function versionOf(path: URL): string | null {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

export function machine() {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cpuCount: cpu.length,
    totalMemoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: commit(),
    packages: {
      ringdht: versionOf(new URL('package.json', ROOT)),
      ...Object.fromEntries(
        PACKAGES.map((name) => [name, versionOf(new URL(`node_modules/${name}/package.json`, ROOT))]),
      ),
    },
  };
}

export type Machine = ReturnType<typeof machine>;
