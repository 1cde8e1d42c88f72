// Checks printed output (text lines or JSON lines) for causal order: every route's lines in hop order, a file's
// transfer after its lookup found it, a ping's receipt after its sending, an answer after its question.
import { successorsInRing, type PeerId } from '../../src/core/ring.ts';

/** One printed line, read back: who printed it, which line it is, and the fields the checks need. */
export interface Printed {
  peer: PeerId;
  event: string;
  name?: string;
  /** Where a route hop went (`successor` or `to`), or the peers a ping round went to. */
  next?: PeerId;
  to?: PeerId[];
  from?: PeerId;
  holder?: PeerId;
  /** The peer a `peer.dead` line declares gone. */
  dead?: PeerId;
  ok?: boolean;
  command?: string;
}

/** The lines the checks read, as the original prints them (a ring process prefixes `[peer N] `). */
const TEXT: [RegExp, (m: RegExpExecArray) => Omit<Printed, 'peer'>][] = [
  [/^Store (\S+) request forwarded to my successor$/, (m) => ({ event: 'store.forwarded', name: m[1]! })],
  [/^Store (\S+) request forwarded to Peer (\d+)$/, (m) => ({ event: 'store.forwarded', name: m[1]!, next: +m[2]! })],
  [/^Store (\S+) request accepted$/, (m) => ({ event: 'store.accepted', name: m[1]! })],
  [/^File request for (\S+) has been sent to my successor$/, (m) => ({ event: 'request.sent', name: m[1]! })],
  [
    /^File request for (\S+) has been sent to Peer (\d+)$/,
    (m) => ({ event: 'request.sent', name: m[1]!, next: +m[2]! }),
  ],
  [
    /^Request for File (\S+) has been received, but the file is not stored here$/,
    (m) => ({ event: 'request.forwarded', name: m[1]! }),
  ],
  [
    /^Request for File (\S+) has been received, but the file is not stored here: forwarded to Peer (\d+)$/,
    (m) => ({ event: 'request.forwarded', name: m[1]!, next: +m[2]! }),
  ],
  [/^File (\S+) is stored here$/, (m) => ({ event: 'request.found', name: m[1]! })],
  // The key's peer without a copy walks its holders: a hop to the next of them.
  [
    /^File (\S+) is not stored here: asking its copy at Peer (\d+)$/,
    (m) => ({ event: 'request.replica', name: m[1]!, next: +m[2]! }),
  ],
  [
    /^File (\S+) is stored here, and Peer (\d+) keeps (?:the same|a newer) copy: it serves its own$/,
    (m) => ({ event: 'request.samecopy', name: m[1]! }),
  ],
  [
    /^Peer (\d+) has (?:the same|an older) copy of File (\S+): serving the one kept here$/,
    (m) => ({ event: 'request.owncopy', name: m[2]!, holder: +m[1]! }),
  ],
  [/^Sending file (\S+) to Peer (\d+)$/, (m) => ({ event: 'file.sending', name: m[1]!, to: [+m[2]!] })],
  [/^Peer (\d+) had File (\S+)$/, (m) => ({ event: 'request.holder', name: m[2]!, holder: +m[1]! })],
  [/^Receiving File (\S+) from Peer (\d+)$/, (m) => ({ event: 'file.receiving', name: m[1]!, from: +m[2]! })],
  [/^File (\S+) received$/, (m) => ({ event: 'file.received', name: m[1]! })],
  [
    /^Peer \d+ did not answer: the (store of|request for) File (\S+) goes to Peer (\d+)$/,
    (m) => ({ event: m[1] === 'store of' ? 'store.rerouted' : 'request.rerouted', name: m[2]!, next: +m[3]! }),
  ],
  // The requester sent its lost lookup again: a hop another way, as a rerouted one.
  [
    /^No answer to the (store of|request for) File (\S+): sent again by way of Peer (\d+)$/,
    (m) => ({ event: m[1] === 'store of' ? 'store.rerouted' : 'request.rerouted', name: m[2]!, next: +m[3]! }),
  ],
  [/^Copy of File (\S+) stored \(from Peer (\d+)\)$/, (m) => ({ event: 'copy.stored', name: m[1]!, from: +m[2]! })],
  [
    /^Ping requests? sent to Peers? ([\d, and]+)$/,
    (m) => ({ event: 'ping.sent', to: m[1]!.split(/, | and /).map(Number) }),
  ],
  [/^Ping request message received from Peer (\d+)$/, (m) => ({ event: 'ping.received', from: +m[1]! })],
  [/^Ping response received from Peer (\d+)$/, (m) => ({ event: 'ping.response', from: +m[1]! })],
  [/^Peer (\d+) is no longer alive$/, (m) => ({ event: 'peer.dead', dead: +m[1]! })],
];

/** Text output of a ring process, read back; a line the checks do not need is kept as `other`. */
export function parseText(lines: readonly string[], ids: readonly PeerId[]): Printed[] {
  const successors = successorsInRing([...ids], 1);
  const successor = (p: PeerId) => successors.get(p)![0]!;
  return lines.map((text) => {
    const prefixed = /^\[peer (\d+)\] (.*)$/.exec(text);
    if (prefixed === null) return { peer: -1, event: 'other' };
    const peer = Number(prefixed[1]);
    for (const [pattern, read] of TEXT) {
      const m = pattern.exec(prefixed[2]!);
      if (m === null) continue;
      const printed: Printed = { peer, ...read(m) };
      // Hops to the first successor keep the original's words, which do not name it.
      if (printed.next === undefined && /forwarded|sent$/.test(printed.event)) printed.next = successor(peer);
      return printed;
    }
    return { peer, event: 'other' };
  });
}

/** JSON output, read back. */
export function parseJson(lines: readonly string[]): { printed: Printed[]; t: number[] } {
  const printed: Printed[] = [];
  const t: number[] = [];
  for (const text of lines) {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (typeof o['t'] === 'number') t.push(o['t']);
    const num = (k: string) => (typeof o[k] === 'number' ? (o[k] as number) : undefined);
    const next = num('to') ?? num('successor') ?? num('next') ?? num('via') ?? num('replica');
    // A hop that went another way (or a lookup sent again): the kind of lookup it belongs to, as the text form reads it.
    const rerouted = o['event'] === 'lookup.rerouted' || o['event'] === 'lookup.retried';
    const event = rerouted ? `${String(o['kind'])}.rerouted` : String(o['event']);
    printed.push({
      peer: num('peer') ?? -1,
      event,
      ...(typeof o['name'] === 'string' ? { name: o['name'] } : {}),
      ...(next === undefined ? {} : { next }),
      ...(Array.isArray(o['to']) ? { to: o['to'] as number[] } : {}),
      ...(o['event'] === 'file.sending' && typeof o['to'] === 'number' ? { to: [o['to']] } : {}),
      ...(num('from') === undefined ? {} : { from: num('from')! }),
      ...(num('holder') === undefined ? {} : { holder: num('holder')! }),
      ...(num('dead') === undefined ? {} : { dead: num('dead')! }),
      ...(typeof o['ok'] === 'boolean' ? { ok: o['ok'] } : {}),
      ...(typeof o['command'] === 'string' ? { command: o['command'] } : {}),
    });
  }
  return { printed, t };
}

/** Where a route has reached so far: its origin and every peer a hop of it went to (a hop not acknowledged in time is
 *  sent again another way, so a route may branch). */
interface Route {
  reached: Set<PeerId>;
  hops: PeerId[];
}

/**
 * Every violation of causal order in `printed` (empty when there is none). `origins` says where each store and
 * request of a name was issued (name -> peer), so a route's first line is known to be at its origin.
 */
export function causalViolations(
  printed: readonly Printed[],
  origins: { stores: Map<string, PeerId>; requests: Map<string, PeerId> },
): string[] {
  const violations: string[] = [];
  const stores = new Map<string, Route>();
  const requests = new Map<string, Route>();
  const seen = new Set<string>();
  const saw = (...key: unknown[]) => seen.has(key.join(' '));
  // How many pings each peer sent to each other one so far, and how many it received: a receipt needs a sending.
  const pingsSent = new Map<string, number>();
  const pingsReceived = new Map<string, number>();
  const pingsAnnounced = new Set<string>();
  // A peer declared dead is probed with pings that print no line: its receipts of those prove nothing. So are peers a
  // pinger never pings as a successor (a peer it may be behind, one to reconnect to: src/core/membership.ts, quietly):
  // a receipt from a peer that printed no ping to the receiver in the whole output has no sending line to follow.
  const probed = new Set<string>();
  for (const line of printed)
    if (line.event === 'ping.sent') for (const to of line.to ?? []) pingsAnnounced.add(`${line.peer}>${to}`);
  const count = (map: Map<string, number>, key: string) => map.get(key) ?? 0;
  const bump = (map: Map<string, number>, key: string) => map.set(key, count(map, key) + 1);

  for (const [i, line] of printed.entries()) {
    const where = `line ${i + 1} (peer ${line.peer} ${line.event}${line.name === undefined ? '' : ` ${line.name}`})`;
    const fail = (why: string) => violations.push(`${where}: ${why}`);
    const name = line.name ?? '';
    const hop = (routes: Map<string, Route>, origin: PeerId | undefined) => {
      let route = routes.get(name);
      if (route === undefined) {
        if (origin === undefined) return fail('a route line for a name with no command');
        route = { reached: new Set([origin]), hops: [] };
        routes.set(name, route);
      }
      if (!route.reached.has(line.peer))
        fail(
          `printed before the hop to it: the route so far is ${route.hops.join(', ')}, reaching ${[...route.reached].join(', ')}`,
        );
      route.hops.push(line.peer);
      if (line.next !== undefined) route.reached.add(line.next);
    };
    switch (line.event) {
      case 'store.forwarded':
      case 'store.rerouted':
      case 'store.accepted':
        hop(stores, origins.stores.get(name));
        break;
      case 'copy.stored': {
        // From the peer the store reached, or from one that got a copy before (anti-entropy, a hand-off).
        const reached = stores.get(name)?.reached ?? new Set([origins.stores.get(name)]);
        if (!reached.has(line.from!) && !saw('copy.stored', line.from, name))
          fail(`a copy from Peer ${line.from} before the store reached it`);
        break;
      }
      case 'request.sent':
      case 'request.forwarded':
      case 'request.rerouted':
      case 'request.replica':
      case 'request.found':
      case 'request.samecopy':
        hop(requests, origins.requests.get(name));
        break;
      case 'request.owncopy':
        if (!saw('request.samecopy', line.holder, name)) fail(`told Peer ${line.holder} has a copy before it said so`);
        break;
      case 'file.sending':
        if (!saw('request.found', line.peer, name)) fail('sending a file before finding it');
        break;
      case 'request.holder':
        if (!saw('file.sending', line.holder, name)) fail(`told Peer ${line.holder} had it before it sent it`);
        break;
      case 'file.receiving':
        if (!saw('request.holder', line.peer, name)) fail('receiving before being told who had it');
        break;
      case 'file.received':
        // Served from its own disk, a peer prints no receiving line: after it found the file there, or was told to.
        if (!['file.receiving', 'request.found', 'request.owncopy'].some((e) => saw(e, line.peer, name)))
          fail('received before receiving');
        break;
      case 'ping.sent':
        for (const to of line.to ?? []) bump(pingsSent, `${line.peer}>${to}`);
        break;
      case 'ping.received': {
        const key = `${line.from}>${line.peer}`;
        bump(pingsReceived, key);
        // Only a receipt before any sending is sure to be out of order: a pinger also pings a peer it announces quietly
        // at times (a successor not up yet pinged again, an indirect probe for another peer), so counts may not match.
        if (count(pingsSent, key) === 0 && !probed.has(key) && pingsAnnounced.has(key))
          fail(`a ping from Peer ${line.from} before it was sent`);
        break;
      }
      case 'ping.response': {
        const asked = `${line.peer}>${line.from}`;
        if (count(pingsReceived, asked) === 0) fail(`an answer from Peer ${line.from} before it heard the ping`);
        break;
      }
      case 'peer.dead':
        probed.add(`${line.peer}>${line.dead}`);
        break;
      case 'command.done': {
        const [kind, doneName] = (line.command ?? '').split(' ');
        if (kind === 'request' && line.ok === true && !saw('file.received', line.peer, doneName))
          fail(`request ${doneName} done before its file was received`);
        if (kind === 'store' && line.ok === true && !saw('store.accepted', undefined, doneName))
          fail(`store ${doneName} done before it was accepted`);
        break;
      }
    }
    seen.add([line.event, line.peer, name].join(' '));
    seen.add([line.event, undefined, name].join(' '));
  }
  return violations;
}

/** The peers whose lines of each name's route (a store or a request) were printed, in printed order. */
export function routesOf(printed: readonly Printed[], event: 'store' | 'request'): Map<string, Printed[]> {
  const hops =
    event === 'store'
      ? ['store.forwarded', 'store.accepted']
      : ['request.sent', 'request.forwarded', 'request.found', 'request.samecopy'];
  const routes = new Map<string, Printed[]>();
  for (const line of printed) {
    if (line.name === undefined || !hops.includes(line.event)) continue;
    routes.set(line.name, [...(routes.get(line.name) ?? []), line]);
  }
  return routes;
}
