// Zones across hosts in network namespaces (lab.ts): a ring of several peers per host whose copies are spread over the
// hosts, so a whole host killed loses nothing; and a peer bound to :: (dual-stack) among IPv4 peers. Runs as root where
// `ip netns` works; elsewhere skipped with the reason.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { labUnavailable, useLab } from './lab.ts';
import { command, status, until, waitEvent, type Event } from './proc.ts';

const unavailable = labUnavailable();
if (unavailable !== undefined) console.log(`# netns tier skipped: ${unavailable}`);

const INTERVAL = '0.2';
const responded = (from: number) => (e: Event) => e.event === 'ping.response' && e.from === from;

describe('zones across hosts', { skip: unavailable }, () => {
  const setup = useLab(3);
  const { ip, cwd } = setup;

  test('three hosts of three peers each (a ring process per host, --join): kill -9 of a whole host, every file still served', async () => {
    // Ping lines off: nine peers' pings at 0.2 s would flood what the test reads (deaths are printed all the same).
    const common = ['--id-bits', '20', '--base-port', '13000', '--ping-interval', INTERVAL, '--pings', 'off', '--json'];
    // Neighbours on the ring share a host: copies in ring order would put all three of many files on one host.
    const hosts = [
      [100000, 110000, 120000],
      [400000, 410000, 420000],
      [700000, 710000, 720000],
    ] as const;
    const first = setup.lab.run(1, ['ring', '--peers', hosts[0].join(','), '--host', ip(1), ...common], {
      cwd: await cwd('z1'),
    });
    await status(first, 3); // its peers listen: the others can join through them
    const others = [];
    for (const h of [2, 3]) {
      const proc = setup.lab.run(
        h,
        ['ring', '--peers', hosts[h - 1]!.join(','), '--host', ip(h), '--join', `100000@${ip(1)}:13000`, ...common],
        { cwd: await cwd(`z${h}`) },
      );
      const last = hosts[h - 1]![2];
      await waitEvent(proc, (e) => e.event === 'join.accepted' && e.peer === last, `host ${h}'s peers joined`);
      others.push(proc);
    }
    const procs = [first, ...others];
    const names = Array.from({ length: 12 }, (_, i) => `zone-file-${i}.txt`);
    for (const name of names) {
      await writeFile(join(await cwd('z1'), name), `${name} across zones\n`);
      const stored = await command(first, `store ${name}`);
      assert.equal(stored.ok, true, JSON.stringify(stored));
    }
    // Once the ring is quiet each file is on three peers, on at least two hosts.
    const hostOf = (peer: number) => hosts.findIndex((h) => (h as readonly number[]).includes(peer)) + 1;
    let seen = '';
    await until(
      async () => {
        const all = (await Promise.all(procs.map((p) => status(p, 3)))).flat();
        const at = new Map<string, number[]>();
        for (const s of all)
          for (const f of s.files as { name: string }[]) at.set(f.name, [...(at.get(f.name) ?? []), s.peer as number]);
        seen = [...at].map(([name, peers]) => `${name}: ${peers.join(',')}`).join('; ');
        return names.every((n) => at.get(n)?.length === 3 && new Set(at.get(n)!.map(hostOf)).size >= 2);
      },
      () => `every file on three peers over two hosts or more (last seen: ${seen})`,
      20_000, // a few anti-entropy rounds at 0.2 s
      1_000,
    );
    // Host 2 dies whole: its ring process killed, its cable pulled.
    others[0]!.child.kill('SIGKILL');
    await others[0]!.exited;
    setup.lab.unplug(2);
    try {
      await waitEvent(first, (e) => e.event === 'peer.dead' && e.dead === 400000, '120000 declaring 400000 dead');
      for (const [i, name] of names.entries()) {
        const got = await command(i % 2 === 0 ? first : others[1]!, `request ${name}`);
        assert.equal(got.ok, true, `${name}: ${JSON.stringify(got)}`);
      }
      const received = await readFile(join(await cwd('z1'), 'peer-100000', `received_${names[0]}`), 'utf8');
      assert.equal(received, `${names[0]} across zones\n`);
    } finally {
      setup.lab.plug(2);
    }
    for (const p of [first, others[1]!]) p.send('exit');
    await Promise.all([first, others[1]!].map((p) => p.finish()));
  });

  test('bound to :: with --advertise its 10.x address: joins IPv4 peers, stores and serves', async () => {
    const common = ['--base-port', '14000', '--json'];
    const a = setup.lab.run(1, ['init', '2', `4@${ip(2)}`, `4@${ip(2)}`, INTERVAL, '--host', ip(1), ...common], {
      cwd: await cwd('v2'),
    });
    const b = setup.lab.run(2, ['init', '4', `2@${ip(1)}`, `2@${ip(1)}`, INTERVAL, '--host', ip(2), ...common], {
      cwd: await cwd('v4'),
    });
    await Promise.all([waitEvent(a, responded(4), 'a ping response'), waitEvent(b, responded(2), 'a ping response')]);
    const c = setup.lab.run(3, ['join', '9', `2@${ip(1)}`, INTERVAL, '--host', '::', '--advertise', ip(3), ...common], {
      cwd: await cwd('v9'),
    });
    await waitEvent(c, (e) => e.event === 'join.accepted', '9 joined');
    // 9 pings its successor 2 over UDP from its :: socket, and hears back.
    await waitEvent(c, responded(2), '9 hearing 2');
    await waitEvent(a, (e) => e.event === 'ping.received' && e.from === 9, '2 hearing 9');
    const [nine] = await status(c);
    assert.deepEqual(
      [nine!.address, nine!.advertised],
      [
        { host: '::', port: 14009 },
        { host: ip(3), port: 14009 },
      ],
    );
    // 0009 is 9's to keep: stored from 2, requested from 4, served by 9 over TCP.
    await writeFile(join(await cwd('v2'), '0009'), 'dual stack\n');
    const stored = await command(a, 'store 0009');
    assert.equal(stored.ok, true, JSON.stringify(stored));
    assert.equal(stored.holder, 9);
    const got = await command(b, 'request 0009');
    assert.equal(got.ok, true, JSON.stringify(got));
    assert.equal(got.holder, 9);
    assert.equal(await readFile(join(await cwd('v4'), 'received_0009.pdf'), 'utf8'), 'dual stack\n');
    for (const p of [a, b, c]) p.send('exit');
    await Promise.all([a, b, c].map((p) => p.finish()));
  });
});
