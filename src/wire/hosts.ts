// What a host in an address may be, and how good an address it is to give others: IP literals and DNS names.
import { isIP } from 'node:net';

/** The longest DNS name (RFC 1035), and of one label. */
const MAX_NAME_CHARS = 253;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A DNS host name (RFC 1123 labels: letters, digits, inner hyphens; not all digits, which would read as an IP). */
export function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > MAX_NAME_CHARS || isIP(host) !== 0) return false;
  const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
  return labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

/** An IP literal or a host name: what an address may carry, on the wire and on the command line. */
export function isHost(host: string): boolean {
  return isIP(host) !== 0 || isHostName(host);
}

/** 0.0.0.0 or :: (any form): a bind address, never one to send to. */
export function isUnspecified(host: string): boolean {
  if (isIP(host) === 4) return host === '0.0.0.0';
  if (isIP(host) === 6) return /^[0:]+$/.test(host);
  return false;
}

/** 127.0.0.0/8, ::1 and localhost: only this machine reaches it. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === 'localhost.' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * `check`, remembered per host: every envelope names the same few hosts, and checking one (IP parsing) was a good part
 * of handling a message in a thread that slept since its last. Bounded: a hostile peer's many hosts start it again.
 */
export function rememberedPerHost(check: (host: string) => boolean, limit = 256): (host: string) => boolean {
  const memo = new Map<string, boolean>();
  return (host) => {
    let value = memo.get(host);
    if (value === undefined) {
      value = check(host);
      if (memo.size >= limit) memo.clear();
      memo.set(host, value);
    }
    return value;
  };
}
