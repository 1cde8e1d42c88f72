// Host names in peers' addresses: resolved when first used, kept, and resolved again once the peer stops answering
// (a restarted container comes back with a new IP). IP literals are used as they are, at once.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

type Callback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export class Resolver {
  private readonly cache = new Map<string, LookupAddress>();
  /** Names that could not be resolved (said once each, until they resolve again). */
  private readonly failing = new Set<string>();

  constructor(
    /** A name failed to resolve (first time only) or resolved (after failing): the peer says so. */
    private readonly report: (host: string, error: string | undefined) => void = () => {},
    private readonly resolve: typeof dnsLookup = dnsLookup,
  ) {}

  /** The name's address as last resolved, if any. */
  cached(host: string): string | undefined {
    return isIP(host) !== 0 ? host : this.cache.get(host.toLowerCase())?.address;
  }

  /** Resolve it again on next use. */
  forget(host: string): void {
    this.cache.delete(host.toLowerCase());
  }

  /**
   * dns.lookup's shape, for dgram's and net's `lookup` option (net may ask for `all`; dgram passes the family alone).
   * A socket that asks for IPv6 is bound to an IPv6 address, `::` for every interface: it reaches IPv4 peers at their
   * IPv4-mapped addresses (::ffff:10.0.0.2), since sending to an IPv4 literal from it fails (EINVAL).
   */
  readonly lookup = (
    host: string,
    options: number | { family?: number | string; all?: boolean },
    callback: Callback,
  ): void => {
    const { family: asked, all } = typeof options === 'number' ? { family: options, all: false } : options;
    const six = asked === 6 || asked === 'IPv6';
    const answer = (given: LookupAddress) => {
      const found = six && given.family === 4 ? { address: `::ffff:${given.address}`, family: 6 } : given;
      if (all === true) callback(null, [found]);
      else callback(null, found.address, found.family);
    };
    const family = isIP(host);
    if (family !== 0) return answer({ address: host, family });
    const key = host.toLowerCase();
    const known = this.cache.get(key);
    if (known !== undefined) return answer(known);
    const wanted = six ? 0 : 4; // a dual-stack socket takes either
    this.resolve(host, { family: wanted }, (error, address, found) => {
      if (error !== null) {
        if (!this.failing.has(key)) {
          this.failing.add(key);
          this.report(host, error.code === 'ENOTFOUND' ? 'no such host' : error.message);
        }
        return callback(error, all === true ? [] : '', 0);
      }
      const result = { address: String(address), family: found ?? wanted };
      this.cache.set(key, result);
      if (this.failing.delete(key)) this.report(host, undefined);
      answer(result);
    });
  };
}
