// A lab of hosts in network namespaces for the netns tier: a switch namespace holding a bridge, and one namespace per
// host with a veth on it and a 10.x address. Nothing is created in the root namespace, so no traffic leaves the lab.
// Names carry this process's pid and the addresses a random 10.x prefix, so parallel runs never collide; close()
// deletes everything (namespaces, and the /etc/netns/<ns> directories that give hosts their own /etc/hosts).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { CliProcess, BIN, tempDir } from '../e2e/cli.ts';

export interface LabHost {
  /** 1-based. */
  index: number;
  ns: string;
  ip: string;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

/** Why this machine cannot run the lab (not root, no `ip netns`), or undefined when it can. */
export function labUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0)
    return 'not root: the netns tier creates network namespaces (ip netns), which needs root';
  const probe = `rdht-${process.pid}-probe`;
  const added = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8', timeout: 10_000 });
  if (added.status !== 0)
    return `ip netns does not work here: ${(added.stderr || added.error?.message || 'ip not found').trim()}`;
  spawnSync('ip', ['netns', 'del', probe], { timeout: 10_000 });
  return undefined;
}

/**
 * Deletes the namespaces of labs whose process has ended without closing them (killed by a signal it could not handle,
 * SIGKILL): `rdht-<pid>-*` names this tier makes, with that pid gone.
 */
function removeOrphans(): void {
  const listed = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
  for (const line of listed.split('\n')) {
    const match = /^(rdht-(\d+)-\S+)/.exec(line);
    if (match === null || processAlive(Number(match[2]))) continue;
    spawnSync('ip', ['netns', 'del', match[1]!], { timeout: 10_000 });
    rmSync(`/etc/netns/${match[1]}`, { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Lab {
  readonly hosts: LabHost[] = [];
  readonly prefix: string;
  private readonly switchNs: string;
  private readonly processes = new Set<CliProcess>();
  private readonly names: string[] = [];
  /** /etc/netns did not exist before this lab wrote hosts files there. */
  private createdEtcNetns = false;

  /** A test run ended by SIGTERM or SIGINT (its runner cancelled, ^C) ends its processes and deletes the lab before it goes. */
  private readonly onSignal = (signal: NodeJS.Signals) => {
    for (const proc of this.processes) proc.child.kill('SIGKILL');
    this.removeAll();
    process.kill(process.pid, signal);
  };

  constructor(hostCount: number) {
    removeOrphans();
    process.once('SIGTERM', this.onSignal);
    process.once('SIGINT', this.onSignal);
    const tag = `rdht-${process.pid}`;
    this.switchNs = `${tag}-sw`;
    // 10.<random>.<random>.x: unique enough per run; the namespaces keep even equal prefixes apart.
    this.prefix = `10.${1 + Math.floor(Math.random() * 254)}.${Math.floor(Math.random() * 256)}`;
    try {
      this.namespace(this.switchNs);
      ip('-n', this.switchNs, 'link', 'add', 'br0', 'type', 'bridge');
      ip('-n', this.switchNs, 'link', 'add', 'br1', 'type', 'bridge');
      ip('-n', this.switchNs, 'link', 'set', 'br0', 'up');
      ip('-n', this.switchNs, 'link', 'set', 'br1', 'up');
      for (let index = 1; index <= hostCount; index++) {
        const ns = `${tag}-h${index}`;
        const address = `${this.prefix}.${index + 1}`;
        this.namespace(ns);
        ip('link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', `h${index}`, 'netns', this.switchNs);
        ip('-n', this.switchNs, 'link', 'set', `h${index}`, 'master', 'br0', 'up');
        ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
        ip('-n', ns, 'link', 'set', 'eth0', 'up');
        this.hosts.push({ index, ns, ip: address });
      }
    } catch (error) {
      this.removeAll();
      throw error;
    }
  }

  private namespace(name: string): void {
    ip('netns', 'add', name);
    this.names.push(name);
    ip('-n', name, 'link', 'set', 'lo', 'up');
  }

  host(index: number): LabHost {
    return this.hosts[index - 1]!;
  }

  /** Cuts these hosts off from the others (they still reach each other): their ports move to a bridge of their own. */
  partition(indexes: number[]): void {
    for (const i of indexes) ip('-n', this.switchNs, 'link', 'set', `h${i}`, 'master', 'br1');
  }

  heal(): void {
    for (const { index } of this.hosts) ip('-n', this.switchNs, 'link', 'set', `h${index}`, 'master', 'br0');
  }

  /** A host whose cable is pulled: nothing reaches it or leaves it. */
  unplug(index: number): void {
    ip('-n', this.switchNs, 'link', 'set', `h${index}`, 'down');
  }

  plug(index: number): void {
    ip('-n', this.switchNs, 'link', 'set', `h${index}`, 'up');
  }

  /** Gives a host a new address (a container restarted elsewhere): the old one is gone. */
  readdress(index: number, last: number): string {
    const host = this.host(index);
    const address = `${this.prefix}.${last}`;
    ip('-n', host.ns, 'addr', 'flush', 'dev', 'eth0');
    ip('-n', host.ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
    host.ip = address;
    return address;
  }

  /** Every host's /etc/hosts (through /etc/netns/<ns>/hosts, which `ip netns exec` mounts over /etc/hosts). */
  writeHosts(entries: Record<string, string>): void {
    const text = `127.0.0.1 localhost\n${Object.entries(entries)
      .map(([name, address]) => `${address} ${name}`)
      .join('\n')}\n`;
    this.createdEtcNetns ||= !existsSync('/etc/netns');
    for (const { ns } of this.hosts) {
      mkdirSync(`/etc/netns/${ns}`, { recursive: true });
      writeFileSync(`/etc/netns/${ns}/hosts`, text);
    }
  }

  /** The ringdht CLI run on a host (ended by its pid at close if still running). */
  run(
    index: number,
    args: string[],
    options: { cwd: string; timeoutMs?: number; env?: Record<string, string> },
  ): CliProcess {
    const proc = new CliProcess('ip', ['netns', 'exec', this.host(index).ns, process.execPath, BIN, ...args], {
      timeoutMs: 120_000,
      ...options,
    });
    this.processes.add(proc);
    void proc.exited.then(() => this.processes.delete(proc));
    return proc;
  }

  /** Ends what still runs (by pid), then deletes the namespaces (their veths and bridges go with them). */
  async close(): Promise<void> {
    for (const proc of this.processes) proc.child.kill('SIGKILL');
    await Promise.all([...this.processes].map((p) => p.exited));
    this.removeAll();
  }

  private removeAll(): void {
    process.off('SIGTERM', this.onSignal);
    process.off('SIGINT', this.onSignal);
    for (const name of this.names.reverse()) {
      spawnSync('ip', ['netns', 'del', name], { timeout: 10_000 });
      rmSync(`/etc/netns/${name}`, { recursive: true, force: true });
    }
    this.names.length = 0;
    // The lab made /etc/netns itself: it goes too, if no one else put anything there meanwhile.
    if (this.createdEtcNetns && existsSync('/etc/netns') && readdirSync('/etc/netns').length === 0)
      rmdirSync('/etc/netns');
  }
}

/**
 * A describe block's lab: `hostCount` hosts and a temporary directory, made before its tests and removed after them.
 * `cwd(name)`: a working directory per process (its data and files) under that directory.
 */
export function useLab(hostCount: number): {
  readonly lab: Lab;
  readonly dir: string;
  ip(index: number): string;
  cwd(name: string): Promise<string>;
} {
  let lab: Lab | undefined;
  let dir: { path: string; remove: () => Promise<void> } | undefined;
  before(async () => {
    lab = new Lab(hostCount);
    dir = await tempDir();
  });
  after(async () => {
    await lab?.close();
    await dir?.remove();
  });
  return {
    get lab() {
      return lab!;
    },
    get dir() {
      return dir!.path;
    },
    ip: (index) => lab!.host(index).ip,
    cwd: async (name) => {
      const path = join(dir!.path, name);
      await mkdir(path, { recursive: true });
      return path;
    },
  };
}
