// Rings across hosts: each host a network namespace with its own 10.x address (lab.ts). Runs as root where `ip netns`
// works; elsewhere skipped with the reason. Every process is bounded in time and ended by its pid.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { labUnavailable, useLab } from './lab.ts';
import { command, events, status, waitEvent, waitFor, type Event } from './proc.ts';

const unavailable = labUnavailable();
if (unavailable !== undefined) console.log(`# netns tier skipped: ${unavailable}`);

const INTERVAL = '0.2';
const responded = (from: number) => (e: Event) => e.event === 'ping.response' && e.from === from;

describe('peers on several machines', { skip: unavailable }, () => {
  const setup = useLab(4);
  const { ip, cwd } = setup;

  test("the original's 8-bit ring, one peer per host: init 2 4@HOST 5@HOST, a join through a remote peer, store and request", async () => {
    const base = ['--base-port', '12000', '--json'];
    const peers = [
      [1, '2', `4@${ip(2)}`, `5@${ip(3)}`],
      [2, '4', `5@${ip(3)}`, `8@${ip(4)}`],
      [3, '5', `8@${ip(4)}`, `2@${ip(1)}`],
      [4, '8', `2@${ip(1)}`, `4@${ip(2)}`],
    ] as const;
    const procs = await Promise.all(
      peers.map(async ([host, id, s1, s2]) =>
        setup.lab.run(host, ['init', id, s1, s2, INTERVAL, '--host', ip(host), ...base], { cwd: await cwd(`p${id}`) }),
      ),
    );
    await Promise.all(
      procs.map((p, i) => waitEvent(p, responded(Number(peers[i]![2].split('@')[0])), 'a ping response')),
    );
    const joiner = setup.lab.run(1, ['join', '15', `4@${ip(2)}`, INTERVAL, '--host', ip(1), ...base], {
      cwd: await cwd('p15'),
    });
    await waitEvent(joiner, (e) => e.event === 'successor.first' && e.successor === 2, 'the newcomer placed before 2');
    await writeFile(join(await cwd('p4'), '2067'), 'across hosts\n');
    const stored = await command(procs[1]!, 'store 2067');
    assert.equal(stored.ok, true, JSON.stringify(stored));
    assert.equal(stored.holder, 2);
    const got = await command(procs[2]!, 'request 2067');
    assert.equal(got.ok, true, JSON.stringify(got));
    assert.equal(await readFile(join(await cwd('p5'), 'received_2067.pdf'), 'utf8'), 'across hosts\n');
    const [two] = await status(procs[0]!);
    assert.deepEqual(two!.advertised, { host: ip(1), port: 12002 });
    for (const p of [...procs, joiner]) p.send('exit');
    await Promise.all([...procs, joiner].map((p) => p.finish()));
  });

  test('20-bit ids: a ring process, a ring process that joins it (--join), a one-peer join from a third host, a REPL join via ID@HOST:PORT', async () => {
    const common = ['--id-bits', '20', '--base-port', '13000', '--ping-interval', INTERVAL, '--json'];
    const first = setup.lab.run(1, ['ring', '--peers', '100000,300000', '--host', ip(1), ...common], {
      cwd: await cwd('r1'),
    });
    await waitEvent(first, responded(300000), 'the first ring up');
    const second = setup.lab.run(
      2,
      ['ring', '--peers', '500000,700000', '--host', ip(2), '--join', `100000@${ip(1)}:13000`, ...common],
      { cwd: await cwd('r2') },
    );
    await waitEvent(second, (e) => e.event === 'join.accepted' && e.peer === 700000, '700000 joined');
    const third = setup.lab.run(
      3,
      [
        'join',
        '900000',
        `300000@${ip(1)}:13001`,
        INTERVAL,
        '--id-bits',
        '20',
        '--port',
        '13000',
        '--host',
        ip(3),
        '--json',
      ],
      { cwd: await cwd('r3') },
    );
    await waitEvent(third, (e) => e.event === 'join.accepted', '900000 joined');
    // The REPL's join through a peer on another host.
    const viaRemote = await command(first, `join 800000 via 900000@${ip(3)}:13000`);
    assert.equal(viaRemote.ok, true, JSON.stringify(viaRemote));
    await writeFile(join(await cwd('r3'), 'report.txt'), 'twenty bits\n');
    const stored = await command(third, 'store report.txt');
    assert.equal(stored.ok, true, JSON.stringify(stored));
    const got = await command(second, '@700000 request report.txt');
    assert.equal(got.ok, true, JSON.stringify(got));
    assert.equal(await readFile(join(await cwd('r2'), 'peer-700000', 'received_report.txt'), 'utf8'), 'twenty bits\n');
    for (const p of [first, second, third]) p.send('exit');
    await Promise.all([first, second, third].map((p) => p.finish()));
  });

  test('bound to 0.0.0.0: the one address is told, or --advertise; never 0.0.0.0', async () => {
    const common = ['--base-port', '14000', '--json'];
    const a = setup.lab.run(1, ['init', '2', `4@${ip(2)}`, `4@${ip(2)}`, INTERVAL, '--host', '0.0.0.0', ...common], {
      cwd: await cwd('u2'),
    });
    const b = setup.lab.run(
      2,
      ['init', '4', `2@${ip(1)}`, `2@${ip(1)}`, INTERVAL, '--host', '0.0.0.0', '--advertise', ip(2), ...common],
      { cwd: await cwd('u4') },
    );
    await Promise.all([waitEvent(a, responded(4), 'a ping response'), waitEvent(b, responded(2), 'a ping response')]);
    assert.match(
      a.stderr,
      new RegExp(`listening on 0\\.0\\.0\\.0, telling other peers ${ip(1).replaceAll('.', '\\.')} `),
    );
    const c = setup.lab.run(
      3,
      ['join', '9', `2@${ip(1)}`, INTERVAL, '--host', '0.0.0.0', '--advertise', ip(3), ...common],
      {
        cwd: await cwd('u9'),
      },
    );
    await waitEvent(c, (e) => e.event === 'join.accepted', '9 joined');
    await waitEvent(a, (e) => e.event === 'ping.received' && e.from === 9, '9 pings 2 (9 → 2, 4)');
    const [two] = await status(a);
    assert.deepEqual(
      [two!.address, two!.advertised],
      [
        { host: '0.0.0.0', port: 14002 },
        { host: ip(1), port: 14002 },
      ],
    );
    await writeFile(join(await cwd('u9'), '0100'), 'unspecified\n');
    assert.equal((await command(c, 'store 0100')).ok, true);
    assert.equal((await command(b, 'request 0100')).ok, true);
    for (const p of [a, b, c]) p.send('exit');
    await Promise.all([a, b, c].map((p) => p.finish()));
  });

  test('host names (/etc/netns/<ns>/hosts): given and advertised by name, resolved again when a peer comes back at a new address', async () => {
    setup.lab.writeHosts({ 'h1.test': ip(1), 'h2.test': ip(2), 'h3.test': ip(3) });
    const common = ['--id-bits', '20', '--port', '15000', '--host', '0.0.0.0', '--json'];
    const run = async (host: number, id: string, s1: string, s2: string) =>
      setup.lab.run(
        host,
        ['init', id, `${s1}:15000`, `${s2}:15000`, INTERVAL, '--advertise', `h${host}.test`, ...common],
        {
          cwd: await cwd(`n${id}`),
        },
      );
    const a = await run(1, '100', '200@h2.test', '300@h3.test');
    const b = await run(2, '200', '300@h3.test', '100@h1.test');
    let c = await run(3, '300', '100@h1.test', '200@h2.test');
    await Promise.all([
      waitEvent(a, responded(200), '100 hears 200'),
      waitEvent(b, responded(300), '200 hears 300'),
      waitEvent(c, responded(100), '300 hears 100'),
    ]);
    // The container of 300 restarts with a new address: its name now resolves there.
    c.child.kill('SIGKILL');
    await c.exited;
    await waitEvent(b, (e) => e.event === 'peer.dead' && e.dead === 300, '200 sees 300 gone');
    const moved = setup.lab.readdress(3, 77);
    setup.lab.writeHosts({ 'h1.test': ip(1), 'h2.test': ip(2), 'h3.test': moved });
    const heardBefore = events(b).filter(responded(300)).length;
    c = await run(3, '300', '100@h1.test', '200@h2.test');
    await waitEvent(c, responded(100), '300 back, hearing 100');
    await waitFor(
      b,
      (all) => (all.filter(responded(300)).length > heardBefore ? true : undefined),
      '200 hears 300 again',
    );
    const [two] = await status(b);
    assert.deepEqual((two!.successors as number[]).slice(0, 2), [300, 100]); // the first two: the list is longer above 8 bits
    for (const p of [a, b, c]) p.send('exit');
    await Promise.all([a, b, c].map((p) => p.finish()));
  });
});
