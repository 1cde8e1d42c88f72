// Faults across hosts in network namespaces (lab.ts): a host without the ring secret, a partition far longer than the
// probes last. Runs as root where `ip netns` works; elsewhere skipped with the reason.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GONE_PROBE_ROUNDS } from '../../src/core/membership.ts';
import { labUnavailable, useLab } from './lab.ts';
import { command, events, status, until, waitEvent, type Event } from './proc.ts';

const unavailable = labUnavailable();
if (unavailable !== undefined) console.log(`# netns tier skipped: ${unavailable}`);

const INTERVAL_S = 0.2;
const INTERVAL = String(INTERVAL_S);
/**
 * The partition's length. The issue asks for 5 minutes at 0.2 s; CI's time is bounded, so this is 30 s: 150 ping
 * rounds, past the GONE_PROBE_ROUNDS (120) every cut-off peer is probed each round. Past that only backoff retries
 * (src/core/seeds.ts) can merge the rings, as they would after 5 minutes or 5 days. RINGDHT_NETNS_PARTITION_S=300
 * runs the 5 minutes.
 */
const PARTITION_S = Number(process.env.RINGDHT_NETNS_PARTITION_S ?? 30);
const responded = (from: number) => (e: Event) => e.event === 'ping.response' && e.from === from;

describe('faults across hosts', { skip: unavailable }, () => {
  const setup = useLab(4);
  const { ip, cwd } = setup;

  /**
   * The 8-bit ring 2, 4, 5, 8 with one `init` process per host (host 1 to 4), each with `args`, its working directory
   * `<prefix><id>`; resolves once each has heard its first successor.
   */
  const onePerHost = async (prefix: string, args: string[], timeoutMs?: number) => {
    const peers = [
      [1, '2', '4', '5'],
      [2, '4', '5', '8'],
      [3, '5', '8', '2'],
      [4, '8', '2', '4'],
    ] as const;
    const at = (id: string) => `${id}@${ip(peers.find((p) => p[1] === id)![0])}`;
    const procs = await Promise.all(
      peers.map(async ([host, id, s1, s2]) =>
        setup.lab.run(host, ['init', id, at(s1), at(s2), INTERVAL, '--host', ip(host), ...args], {
          cwd: await cwd(`${prefix}${id}`),
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
        }),
      ),
    );
    await Promise.all(procs.map((p, i) => waitEvent(p, responded(Number(peers[i]![2])), 'a ping response')));
    return procs;
  };

  test('a host without the ring secret is never heard; the peers expecting it say why, once', async () => {
    const secret = join(setup.dir, 'secret');
    await writeFile(secret, 'a ring secret of thirty-two bytes\n');
    const common = ['--base-port', '16000', '--json'];
    const sealed = ['--secret-file', secret];
    const a = setup.lab.run(
      1,
      ['init', '2', `4@${ip(2)}`, `5@${ip(3)}`, INTERVAL, '--host', ip(1), ...sealed, ...common],
      {
        cwd: await cwd('s2'),
      },
    );
    const b = setup.lab.run(
      2,
      ['init', '4', `5@${ip(3)}`, `2@${ip(1)}`, INTERVAL, '--host', ip(2), ...sealed, ...common],
      {
        cwd: await cwd('s4'),
      },
    );
    // Peer 5's host was set up without the secret.
    const c = setup.lab.run(3, ['init', '5', `2@${ip(1)}`, `4@${ip(2)}`, INTERVAL, '--host', ip(3), ...common], {
      cwd: await cwd('s5'),
    });
    const said = (e: Event) => e.event === 'peer.unauthenticated' && e.from === 5;
    await waitEvent(b, said, '4 saying 5 cannot be authenticated');
    await waitEvent(b, (e) => e.event === 'peer.dead' && e.dead === 5, '4 declaring 5 dead');
    await waitEvent(a, responded(4), '2 hearing 4');
    // Many rounds later: said once, and nothing of 5's ever taken in.
    const rounds = events(a).filter((e) => e.event === 'ping.sent').length;
    await waitEvent(a, () => events(a).filter((e) => e.event === 'ping.sent').length > rounds + 10, '10 more rounds');
    for (const p of [a, b]) {
      assert.equal(events(p).filter(said).length, 1, 'said once');
      assert.equal(events(p).filter((e) => e.event === 'ping.received' && e.from === 5).length, 0);
      assert.equal(events(p).filter(responded(5)).length, 0);
    }
    assert.match((events(b).find(said)!.text as string) ?? '', /another ring secret, or none/);
    for (const p of [a, b, c]) p.send('exit');
    await Promise.all([a, b, c].map((p) => p.finish()));
  });

  test('kill -9 of a whole host (one peer per host): every file is still served, and copied again', async () => {
    const common = ['--base-port', '18000', '--json'];
    const procs = await onePerHost('k', common);
    const names = ['0001', '0003', '0004', '0005', '0007', '0100'];
    for (const name of names) {
      await writeFile(join(await cwd('k2'), name), `file ${name}\n`);
      const stored = await command(procs[0]!, `store ${name}`);
      assert.equal(stored.ok, true, JSON.stringify(stored));
    }
    // Host 2 (peer 4) dies whole: its process killed, its cable pulled.
    procs[1]!.child.kill('SIGKILL');
    await procs[1]!.exited;
    setup.lab.unplug(2);
    try {
      await waitEvent(procs[0]!, (e) => e.event === 'peer.dead' && e.dead === 4, '2 declaring 4 dead');
      for (const [i, name] of names.entries()) {
        const got = await command(procs[i % 2 === 0 ? 2 : 3]!, `request ${name}`);
        assert.equal(got.ok, true, `${name}: ${JSON.stringify(got)}`);
      }
    } finally {
      setup.lab.plug(2); // for the scenarios after this one
    }
    for (const p of [procs[0]!, procs[2]!, procs[3]!]) p.send('exit');
    await Promise.all([procs[0]!, procs[2]!, procs[3]!].map((p) => p.finish()));
  });

  test(`a partition of ${PARTITION_S} s (${PARTITION_S / INTERVAL_S} ping rounds, past the ${GONE_PROBE_ROUNDS} rounds of probes) heals into one ring with every file at its holders`, {
    timeout: (PARTITION_S + 150) * 1000,
  }, async () => {
    const common = ['--base-port', '17000', '--json', '--replicas', '2', '--write-quorum', '1'];
    const seeds = `2@${ip(1)},4@${ip(2)},5@${ip(3)},8@${ip(4)}`;
    const procs = await onePerHost('q', ['--seeds', seeds, ...common], (PARTITION_S + 150) * 1000);
    setup.lab.partition([3, 4]); // {2, 4} | {5, 8}
    await waitEvent(procs[1]!, (e) => e.event === 'peer.dead' && e.dead === 5, '4 declaring 5 dead');
    await waitEvent(procs[3]!, (e) => e.event === 'peer.dead' && e.dead === 2, '8 declaring 2 dead');
    // A file stored on each side while they are apart: 0003 (key 3: at 4, or 5 once merged), 0006 (at 8).
    await writeFile(join(await cwd('q2'), '0003'), 'west\n');
    await writeFile(join(await cwd('q5'), '0006'), 'east\n');
    assert.equal((await command(procs[0]!, 'store 0003')).ok, true);
    assert.equal((await command(procs[2]!, 'store 0006')).ok, true);
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, PARTITION_S * 1000)); // the partition itself, not a settling wait
    setup.lab.heal();
    const healedAfterS = (Date.now() - started) / 1000;
    assert.ok(healedAfterS >= PARTITION_S);
    // One ring again: every successor list as the ring of 2, 4, 5, 8 has it, and every file at its holders (R = 2).
    const want: Record<number, number[]> = { 2: [4, 5], 4: [5, 8], 5: [8, 2], 8: [2, 4] };
    const holders: Record<string, number[]> = { '0003': [4, 5], '0006': [8, 2] };
    let seen = '';
    await until(
      async () => {
        const all = (await Promise.all(procs.map((p) => status(p)))).flat();
        seen = all
          .map(
            (s) => `${s.peer}: ${JSON.stringify(s.successors)} ${(s.files as { name: string }[]).map((f) => f.name)}`,
          )
          .join('; ');
        return all.every((s) => {
          const id = s.peer as number;
          const files = (s.files as { name: string }[]).map((f) => f.name);
          const ok = JSON.stringify(s.successors) === JSON.stringify(want[id]);
          return ok && Object.entries(holders).every(([name, at]) => at.includes(id) === files.includes(name));
        });
      },
      () => `one ring with every file at its holders (last seen: ${seen})`,
      90_000,
    );
    const got = await command(procs[3]!, 'request 0003');
    assert.equal(got.ok, true, JSON.stringify(got));
    for (const p of procs) p.send('exit');
    await Promise.all(procs.map((p) => p.finish()));
  });
});
