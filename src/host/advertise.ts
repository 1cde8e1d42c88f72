// What a ring process's peers tell others they are at: --advertise, else the bound host, else (bound to 0.0.0.0 or
// ::) the machine's one address besides loopback. A peer never tells others an unspecified address.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { Config } from '../config.ts';
import { isLoopback, isUnspecified } from '../wire/hosts.ts';
import { RingdhtError } from './errors.ts';

export interface Advertised {
  host: string;
  /** Set only by --advertise HOST:PORT (a one-peer process). */
  port?: number;
  /** How the host was chosen, when the user did not say: a notice for the CLI to print. */
  chosen?: string;
}

/** The advertised host for `config`; throws BAD_OPTION with one sentence when it cannot be chosen. */
export function advertisedFor(
  config: Pick<Config, 'host' | 'advertise'>,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): Advertised {
  if (config.advertise !== undefined) return { ...config.advertise };
  if (!isUnspecified(config.host)) return { host: config.host };
  const v6 = config.host.includes(':');
  const usable = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter(
      (i) => !i.internal && !isLoopback(i.address) && (i.family === 'IPv4' || (v6 && !i.address.startsWith('fe80'))),
    )
    .map((i) => i.address);
  const distinct = [...new Set(usable)];
  if (distinct.length === 1) return { host: distinct[0]!, chosen: `this machine's one address besides loopback` };
  if (distinct.length === 0)
    throw new RingdhtError(
      'BAD_OPTION',
      `--host ${config.host}: this machine has no address besides loopback to tell other peers; give --advertise HOST`,
    );
  throw new RingdhtError(
    'BAD_OPTION',
    `--host ${config.host}: this machine has several addresses (${distinct.join(', ')}); say which one other peers should use with --advertise HOST`,
  );
}

/**
 * Peers told a loopback address cannot reach this peer from elsewhere: a ring process bound to loopback (the default)
 * with a peer named on another host is refused with what to do, rather than failing silently.
 */
export function loopbackProblem(
  advertisedHost: string,
  config: Pick<Config, 'known' | 'seeds' | 'join'>,
): string | undefined {
  if (!isLoopback(advertisedHost)) return undefined;
  const remote = [...config.known, ...config.seeds, ...(config.join === undefined ? [] : [config.join])].find(
    (p) => !isLoopback(p.host),
  );
  if (remote === undefined) return undefined;
  return `these peers listen on ${advertisedHost}, which Peer ${remote.id} at ${remote.host} cannot reach: give --host an address of this machine it can reach (or --host 0.0.0.0, with --advertise when the machine has several)`;
}
