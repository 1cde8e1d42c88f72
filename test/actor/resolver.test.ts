// The actor's resolver as dgram and net call it: IP literals at once, names resolved once and kept, and a socket bound
// to :: (dual-stack) given IPv4 peers at their IPv4-mapped addresses, since it cannot send to an IPv4 literal.
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { describe, test } from 'node:test';
import { Resolver } from '../../src/actor/resolver.ts';

type Answer = { error: unknown; address: string | LookupAddress[]; family?: number };
const ask = (resolver: Resolver, host: string, options: Parameters<Resolver['lookup']>[1]) =>
  new Promise<Answer>((resolve) =>
    resolver.lookup(host, options, (error, address, family) => resolve({ error, address, family })),
  );

/** A dns.lookup that knows one name, h2.test, at 10.77.0.3 (and nothing over IPv6), and counts its calls. */
function fakeDns() {
  const calls: Array<{ host: string; family: unknown }> = [];
  const lookup = ((host: string, options: { family?: number }, callback: (...args: unknown[]) => void) => {
    calls.push({ host, family: options.family });
    if (host === 'h2.test' && options.family !== 6) callback(null, '10.77.0.3', 4);
    else callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), '', 0);
  }) as unknown as ConstructorParameters<typeof Resolver>[1];
  return { calls, lookup };
}

describe('resolver', () => {
  test('an IPv4 literal is used as it is by an IPv4 socket, and as ::ffff:a.b.c.d by one bound to ::', async () => {
    const resolver = new Resolver(() => {}, fakeDns().lookup);
    assert.deepEqual(await ask(resolver, '10.77.0.2', 4), { error: null, address: '10.77.0.2', family: 4 });
    assert.deepEqual(await ask(resolver, '10.77.0.2', 6), { error: null, address: '::ffff:10.77.0.2', family: 6 });
    assert.deepEqual(await ask(resolver, '10.77.0.2', { family: 'IPv6', all: true }), {
      error: null,
      address: [{ address: '::ffff:10.77.0.2', family: 6 }],
      family: undefined,
    });
    assert.deepEqual(await ask(resolver, 'fd00::2', 6), { error: null, address: 'fd00::2', family: 6 });
  });

  test('a name with only an IPv4 address reaches a socket bound to :: as a mapped address, resolved once', async () => {
    const dns = fakeDns();
    const resolver = new Resolver(() => {}, dns.lookup);
    assert.deepEqual(await ask(resolver, 'h2.test', 6), { error: null, address: '::ffff:10.77.0.3', family: 6 });
    assert.deepEqual(await ask(resolver, 'h2.test', { family: 4 }), { error: null, address: '10.77.0.3', family: 4 });
    assert.deepEqual(dns.calls, [{ host: 'h2.test', family: 0 }], 'any family, once: kept afterwards');
  });
});
