// What a ring process prints is in causal order: 100 requests on the 7-peer example ring and 100 on a 64-peer finger
// ring, with pings in between, printed as text and as JSON; every route in hop order, no effect before
// its cause, JSON `t` increasing in the order printed.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { idealFingers } from '../../src/core/fingers.ts';
import { keyOf, responsibleFor, successorsInRing, type PeerId } from '../../src/core/ring.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import type { PeerSpec } from '../../src/host/ring.ts';
import { createTestRing } from '../../src/host/testing.ts';
import { Printer } from '../../src/repl/output.ts';
import { causalViolations, parseJson, parseText, routesOf } from '../lib/causal-order.ts';

/** A small seeded generator, so a failing run can be told apart by its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Runs 100 stores then 100 requests, 10 at a time from random peers, and checks what both printers printed. */
async function hundredRequests(
  peers: PeerSpec[],
  options: { routing?: 'finger'; threads?: number; pingIntervalMs: number },
  seed: number,
) {
  const ids = peers.map((p) => p.id).sort((a, b) => a - b);
  const next = random(seed);
  const pick = () => ids[Math.floor(next() * ids.length)]!;
  const text: string[] = [];
  const json: string[] = [];
  const printers = [
    new Printer({ json: false, prefix: true, startedAt: 0, out: (l) => text.push(l), err: (l) => text.push(l) }),
    new Printer({ json: true, prefix: true, startedAt: 0, out: (l) => json.push(l), err: (l) => json.push(l) }),
  ];
  const raw: unknown[] = [];
  const t = await createTestRing({
    peers,
    ...options,
    // Pings stay frequent (their lines are among those checked), but a hop's acknowledgement and a holder's word that
    // its copies are made get seconds: with the hop timeout the short ping interval gives (0.5 s), a holder's thread off
    // the core for 0.75 s under load failed a store ("did not confirm its copies within 0.751 s", bench/README
    // causal28), and what is checked here is the order lines are printed in, not how fast a loaded machine answers.
    hopTimeoutMs: 5_000,
    opTimeoutMs: 15_000,
    onEvent: (event) => {
      raw.push(event);
      for (const printer of printers) printer.event(event);
    },
  });
  try {
    await mkdir(t.filesDir, { recursive: true });
    const names = Array.from({ length: 100 }, (_, i) => String(1000 + i * 37).padStart(4, '0'));
    for (const name of names) await writeFile(join(t.filesDir, name), `bytes of ${name}`);
    const origins = { stores: new Map<string, PeerId>(), requests: new Map<string, PeerId>() };
    const run = async (kind: 'store' | 'request') => {
      for (let i = 0; i < names.length; i += 10) {
        const results = await Promise.all(
          names.slice(i, i + 10).map((name) => {
            const origin = pick();
            (kind === 'store' ? origins.stores : origins.requests).set(name, origin);
            return t.ring.peer(origin)[kind](name);
          }),
        );
        for (const result of results) {
          for (const printer of printers) printer.done(result);
          assert.ok(result.ok, `${result.command} at Peer ${result.peer}: ${result.ok ? '' : result.error}`);
        }
      }
    };
    await run('store');
    await run('request');

    const fromText = parseText(text, ids);
    const reorder = (t.ring as unknown as { reorder: { late: number; skipped: number; settles: number } }).reorder;
    if (process.env['RINGDHT_CAUSAL_DUMP'] !== undefined) {
      const bad =
        causalViolations(fromText, origins).length + causalViolations(parseJson(json).printed, origins).length;
      console.error(
        `reorder of seed ${seed}: late ${reorder.late}, skipped ${reorder.skipped}, settles ${reorder.settles}`,
      );
      if (bad > 0 || reorder.late > 0)
        await writeFile(
          `${process.env['RINGDHT_CAUSAL_DUMP']}-${seed}-${Date.now()}.json`,
          JSON.stringify({ seed, late: reorder.late, skipped: reorder.skipped, text, json, raw }),
        );
    }
    // No peer is killed here: a line come after its gap was given up was printed out of its order, whatever it was.
    assert.equal(reorder.late, 0, `lines printed after their gap was given up (seed ${seed})`);
    const fromJson = parseJson(json);
    for (const [how, printed] of [
      ['text', fromText],
      ['JSON', fromJson.printed],
    ] as const) {
      assert.deepEqual(causalViolations(printed, origins).slice(0, 10), [], `${how} output, seed ${seed}`);
      // Every request's route was printed, from its origin to the peer responsible for its name.
      const routes = routesOf(printed, 'request');
      for (const name of names) {
        const route = routes.get(name);
        assert.ok(route !== undefined, `${how}: no route printed for request ${name}`);
        assert.equal(route[0]!.peer, origins.requests.get(name), `${how}: request ${name} starts at its origin`);
        // Served by one of the file's R holders: the key's peer, or (past it while it is slow to acknowledge, on a
        // loaded machine) one of the next R-1 peers, which keep its copies.
        const holder = responsibleFor(keyOf(name, 8), ids);
        const holders = [holder, ...successorsInRing(ids, DEFAULTS.replicas - 1).get(holder)!];
        assert.ok(
          route.some((hop) => ['request.found', 'request.samecopy'].includes(hop.event) && holders.includes(hop.peer)),
          `${how}: request ${name} reaches one of Peers ${holders.join(', ')}`,
        );
      }
    }
    // Sorting by t changes nothing: t increases line after line.
    const inversions = fromJson.t.flatMap((v, i) => (i > 0 && v <= fromJson.t[i - 1]! ? [i] : []));
    assert.deepEqual(inversions.slice(0, 5), [], 'JSON t strictly increasing in the order printed');
    assert.ok(fromJson.printed.filter((p) => p.event === 'ping.received').length > ids.length, 'pings ran in between');
  } finally {
    await t.close();
  }
}

describe('lines printed in causal order', () => {
  test('100 requests on the 7-peer example ring, routed along successors', async () => {
    const peers = [2, 4, 5, 8, 9, 14, 19].map((id) => ({ id }));
    await hundredRequests(peers, { pingIntervalMs: 300 }, Date.now() % 100_000);
  });

  test('100 requests on a 64-peer ring routed on fingers', async () => {
    const seed = Number(process.env['RINGDHT_CAUSAL_SEED'] ?? Date.now() % 100_000);
    const next = random(seed);
    const chosen = new Set<number>();
    while (chosen.size < 64) chosen.add(Math.floor(next() * 256));
    const ids = [...chosen].sort((a, b) => a - b);
    const peers = ids.map((id) => ({ id, fingers: idealFingers(id, ids, 8) }));
    await hundredRequests(peers, { routing: 'finger', threads: 4, pingIntervalMs: 1000 }, seed);
  });
});
