// resolveConfig: every default and derived value filled once, bad values refused with one sentence, and real and
// simulated peers built from the same settings.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { machineConfig, resolveConfig, type Config, type ConfigOptions } from '../../src/config.ts';
import { PeerMachine, type MachineConfig, type MachineSettings } from '../../src/core/machine.ts';
import { DEFAULTS, second } from '../../src/defaults.ts';
import { RingdhtError } from '../../src/errors.ts';
import { Ring } from '../../src/host/ring.ts';
import { runScenario } from '../../src/sim/scenario.ts';

/** The protocol's part of a config: what a PeerMachine is built from, beside where its peer starts. */
const MACHINE_SETTINGS = Object.keys(machineConfig(resolveConfig(), { id: 0, successors: [] })).filter(
  (k) => !['id', 'successors', 'held', 'fingers', 'nameHash'].includes(k),
) as (keyof MachineSettings)[];

function settingsOf(config: MachineSettings): Record<string, unknown> {
  return Object.fromEntries(MACHINE_SETTINGS.map((k) => [k, config[k]]));
}

describe('resolveConfig: derived values', () => {
  test('the ping timeout is half the interval, at most 2 s', () => {
    const table: [number, number][] = [
      [100, 50],
      [200, 100],
      [1_000, 500],
      [3_000, 1_500],
      [4_000, 2_000],
      [5_000, 2_000],
      [30 * second, 2_000],
    ];
    for (const [pingIntervalMs, pingTimeoutMs] of table) {
      assert.equal(resolveConfig({ pingIntervalMs }).pingTimeoutMs, pingTimeoutMs, `interval ${pingIntervalMs} ms`);
    }
  });

  test('a silent successor is probed through three others by default, or as many as given (0: none)', () => {
    assert.equal(resolveConfig().indirectProbes, 3);
    assert.equal(resolveConfig({ idBits: 32 }).indirectProbes, 3);
    assert.equal(resolveConfig({ indirectProbes: 0 }).indirectProbes, 0);
    assert.equal(resolveConfig({ indirectProbes: 5 }).indirectProbes, 5);
  });

  test('a peer keeps two successors on the 8-bit ring (as the original), six above, or as many as given', () => {
    assert.equal(resolveConfig().successorCount, 2);
    assert.equal(resolveConfig({ idBits: 8 }).successorCount, 2);
    assert.equal(resolveConfig({ idBits: 20 }).successorCount, 6);
    assert.equal(resolveConfig({ idBits: 32, successorCount: 4 }).successorCount, 4);
    assert.equal(resolveConfig({ successorCount: 5 }).successorCount, 5);
  });

  test('the hop timeout is the ping timeout, at least 0.5 s; the sync delay is the ping timeout; sync and fix-fingers run every ping interval', () => {
    for (const pingIntervalMs of [200, 1_000, 30 * second]) {
      const c = resolveConfig({ pingIntervalMs });
      assert.deepEqual(
        [c.hopTimeoutMs, c.syncDelayMs, c.syncIntervalMs, c.fingerIntervalMs],
        [Math.max(500, c.pingTimeoutMs), c.pingTimeoutMs, pingIntervalMs, pingIntervalMs],
        `interval ${pingIntervalMs} ms`,
      );
    }
  });

  test('a peer that did not acknowledge a hop is avoided for K ping intervals', () => {
    const table: [ConfigOptions, number][] = [
      [{}, 3 * 30 * second],
      [{ pingIntervalMs: 200 }, 600],
      [{ pingIntervalMs: 1_000, pingMissLimit: 5 }, 5_000],
    ];
    for (const [options, hopAvoidMs] of table)
      assert.equal(resolveConfig(options).hopAvoidMs, hopAvoidMs, JSON.stringify(options));
  });

  test('derived values given are kept, and what derives from them follows', () => {
    const c = resolveConfig({ pingIntervalMs: 1_000, pingTimeoutMs: 300, syncIntervalMs: 60_000, hopTimeoutMs: 700 });
    assert.deepEqual(
      [c.pingTimeoutMs, c.syncDelayMs, c.hopTimeoutMs, c.syncIntervalMs, c.fingerIntervalMs],
      [300, 300, 700, 60_000, 1_000],
    );
  });

  test('routing follows the id bits: along successors up to 8 bits (as the original), on fingers above', () => {
    const table: [ConfigOptions, string][] = [
      [{}, 'successor'],
      [{ idBits: 4 }, 'successor'],
      [{ idBits: 8 }, 'successor'],
      [{ idBits: 9 }, 'finger'],
      [{ idBits: 32 }, 'finger'],
      [{ idBits: 8, routing: 'finger' }, 'finger'],
      [{ idBits: 20, routing: 'successor' }, 'successor'],
    ];
    for (const [options, routing] of table)
      assert.equal(resolveConfig(options).routing, routing, JSON.stringify(options));
  });

  test('W is at most R: the default gives way to a smaller R, a W given is kept', () => {
    const table: [ConfigOptions, number][] = [
      [{}, 2],
      [{ replicas: 1 }, 1],
      [{ replicas: 2 }, 2],
      [{ replicas: 3 }, 2],
      [{ replicas: 3, writeQuorum: 3 }, 3],
      [{ replicas: 3, writeQuorum: 1 }, 1],
      [{ replicas: 1, writeQuorum: 1 }, 1],
    ];
    for (const [options, writeQuorum] of table)
      assert.equal(resolveConfig(options).writeQuorum, writeQuorum, JSON.stringify(options));
  });

  test("every default is DEFAULTS's, under the same name", () => {
    const c = resolveConfig() as unknown as Record<string, unknown>;
    const shared = Object.keys(DEFAULTS).filter((k) => k in c);
    assert.ok(shared.length >= 30, `${shared.length} settings with a default`);
    for (const key of shared) assert.equal(c[key], DEFAULTS[key as keyof typeof DEFAULTS], key);
    assert.deepEqual([c['known'], c['threads'], c['secret'], c['receiveLayout']], [[], undefined, null, 'per-peer']);
  });

  test('nothing is left unresolved, the result is frozen, and resolving again changes nothing', () => {
    const cases: ConfigOptions[] = [
      {},
      { pingIntervalMs: 200, replicas: 1 },
      { idBits: 32, pingMissLimit: 5, writeQuorum: 3 },
      { secret: new Uint8Array(32), threads: 2 },
    ];
    for (const options of cases) {
      const c = resolveConfig(options);
      assert.ok(Object.isFrozen(c));
      // Left undefined on purpose: a thread per peer, the ring id decided at start, the advertised address and zone
      // from the bound host, no ring to join.
      for (const [key, value] of Object.entries(c))
        if (!['threads', 'ringId', 'advertise', 'zone', 'join'].includes(key)) assert.notEqual(value, undefined, key);
      assert.deepEqual(resolveConfig(c), c, JSON.stringify(options));
    }
  });
});

describe('resolveConfig: bad values are refused with one sentence naming the setting', () => {
  const cases: [ConfigOptions, RegExp][] = [
    [{ pingMissLimit: 0 }, /^pingMissLimit must be a whole number of at least 1$/],
    [{ pingMissLimit: 1.5 }, /^pingMissLimit must be a whole number/],
    [{ replicas: 0 }, /^replicas must be a whole number from 1 to 3 \(a peer knows 2 successors to place copies at\)$/],
    [{ replicas: 4 }, /^replicas must be a whole number from 1 to 3/],
    [{ writeQuorum: 0 }, /^writeQuorum must be a whole number from 1 to the number of replicas \(3\)$/],
    [
      { replicas: 2, writeQuorum: 3 },
      /^writeQuorum 3 is more than replicas 2: a store cannot wait for more copies than are kept$/,
    ],
    [{ indirectProbes: -1 }, /^indirectProbes must be a whole number from 0 to 16$/],
    [{ indirectProbes: 17 }, /^indirectProbes must be a whole number from 0 to 16$/],
    [{ indirectProbes: 1.5 }, /^indirectProbes must be a whole number from 0 to 16$/],
    [{ successorCount: 1 }, /^successorCount must be a whole number from 2 to 32$/],
    [{ successorCount: 33 }, /^successorCount must be a whole number from 2 to 32$/],
    [{ threads: -1 }, /^threads must be a whole number \(0: the peers run in the main thread\)$/],
    [{ host: 'a b' }, /^host "a b" is not an IP address or a host name$/],
    [{ advertise: { host: '0.0.0.0' } }, /^advertise "0\.0\.0\.0" must be an address other peers can reach/],
    [{ advertise: { host: 'h1.example', port: 0 } }, /^advertise port 0 is not a port number$/],
    [{ zone: 'rack one' }, /^zone must be 1 to 64 printable characters without spaces$/],
    [{ seeds: [{ id: 300, host: '10.0.0.2', port: 12000 }] }, /^seeds: peer id 300 is out of range/],
    [
      { known: [{ id: 3, host: '0.0.0.0', port: 12003 }] },
      /^known: Peer 3's host "0\.0\.0\.0" is not an address to reach it at$/,
    ],
    [{ join: { id: 3, host: '10.0.0.2', port: 70000 } }, /^join: Peer 3's port 70000 is not a port number$/],
    [{ threads: 1.5 }, /^threads must be a whole number \(0: the peers run in the main thread\)$/],
    [{ idBits: 0 }, /^idBits must be a whole number from 1 to 32$/],
    [{ idBits: 33 }, /^idBits must be a whole number from 1 to 32$/],
    [{ basePort: 70_000 }, /^basePort must be a whole number from 0 to 65535$/],
    [{ pingIntervalMs: 0 }, /^pingIntervalMs must be a time longer than zero$/],
    [{ pingIntervalMs: Number.NaN }, /^pingIntervalMs must be a time longer than zero$/],
    [{ opTimeoutMs: -1 }, /^opTimeoutMs must be a time longer than zero$/],
    [{ startupGraceMs: -1 }, /^startupGraceMs must be a time of zero or more$/],
    [{ pingIntervalMs: 1_000, pingTimeoutMs: 1_500 }, /^pingTimeoutMs must not be longer than pingIntervalMs/],
    [{ hopTimeoutMs: 60_000 }, /^hopTimeoutMs must not be longer than opTimeoutMs: a store waits one and a half/],
    [{ routing: 'chord' as never }, /^routing must be one of successor, finger$/],
    [{ chunkBytes: DEFAULTS.maxFrameBytes }, /^chunkBytes must leave room for framing within maxFrameBytes$/],
    [{ secret: new Uint8Array(8) }, /^the ring secret is 8 bytes: it must be at least 16$/],
  ];
  for (const [options, message] of cases) {
    test(
      JSON.stringify(options, (_, v: unknown) =>
        v instanceof Uint8Array ? `${v.length} bytes` : Number.isNaN(v) ? 'NaN' : v,
      ),
      () => {
        assert.throws(
          () => resolveConfig(options),
          (error: unknown) => {
            assert.ok(error instanceof RingdhtError);
            assert.equal(error.code, 'BAD_OPTION');
            assert.match(error.message, message);
            return true;
          },
        );
      },
    );
  }

  test('the CLI names its flags', () => {
    const flags: Record<string, string> = { writeQuorum: '--write-quorum', replicas: '--replicas' };
    assert.throws(
      () => resolveConfig({ replicas: 2, writeQuorum: 3 }, (s) => flags[s] ?? s),
      /^RingdhtError: --write-quorum 3 is more than --replicas 2: /,
    );
  });

  test('the library refuses them at createRing', async () => {
    const { createRing } = await import('../../src/host/ring.ts');
    await assert.rejects(
      createRing({ peers: [1, 2], pingMissLimit: 0 }),
      /pingMissLimit must be a whole number of at least 1/,
    );
  });
});

describe('one configuration for real and simulated peers', () => {
  test('a PeerMachine takes the resolved settings and nothing else: machineConfig gives every one', () => {
    const config: MachineConfig = machineConfig(resolveConfig({ pingIntervalMs: 1_000 }), {
      id: 5,
      successors: [8, 9],
    });
    assert.equal(MACHINE_SETTINGS.length, 19);
    for (const key of MACHINE_SETTINGS) assert.notEqual(config[key], undefined, key);
    assert.deepEqual([config.id, config.successors, [...config.held]], [5, [8, 9], []]);
    assert.equal(new PeerMachine(config).status().id, 5);
  });

  test('the actor of a real peer and a simulated peer get the same settings from the same options', () => {
    const options = {
      idBits: 8,
      pingIntervalMs: 1_000,
      pingMissLimit: 4,
      opTimeoutMs: 5_000,
      replicas: 2,
    } satisfies ConfigOptions;
    const real = new Ring(resolveConfig(options)).configFor({ id: 5, successors: [8, 9] });
    const simulated: MachineConfig[] = [];
    runScenario({
      seed: 1,
      peers: [5, 8, 9],
      ops: 0,
      durationMs: 1_000,
      settleMs: 1,
      ...options,
      machine: (config) => {
        simulated.push(config);
        return new PeerMachine(config);
      },
    });
    assert.equal(simulated.length, 3);
    const expected = settingsOf(machineConfig(resolveConfig(options), { id: 5, successors: [] }));
    assert.deepEqual(settingsOf(real), expected);
    for (const config of simulated) assert.deepEqual(settingsOf(config), expected, `simulated Peer ${config.id}`);
  });

  test("with no options, a simulated peer runs a real peer's defaults", () => {
    const simulated: MachineConfig[] = [];
    runScenario({
      seed: 2,
      peers: [1, 2, 3],
      ops: 0,
      durationMs: 1_000,
      settleMs: 1,
      machine: (config) => {
        simulated.push(config);
        return new PeerMachine(config);
      },
    });
    const expected: Config = resolveConfig();
    for (const config of simulated) assert.deepEqual(settingsOf(config), settingsOf(expected));
  });
});
