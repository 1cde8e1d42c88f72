// The live view's server over a real ring (no browser: the browser tier drives the page): its stream, its commands,
// bad requests answered 4xx with a sentence while the ring goes on, and its end with the ring.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createTestRing, type TestRing } from '../../src/host/testing.ts';
import type { ViewServer } from '../../src/view/server.ts';
import type { ViewItem, ViewSnapshot } from '../../src/view/protocol.ts';

const IDS = [2, 4, 5, 8, 9, 14, 19];
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Reads a page's event stream until `done` says it has what it waits for (bounded by the test's timeout). */
async function readStream(
  url: string,
  done: (items: (ViewItem | ViewSnapshot)[]) => boolean,
  signal: AbortSignal,
  onSnapshot: () => void,
): Promise<(ViewItem | ViewSnapshot)[]> {
  const response = await fetch(new URL('api/events', url), { signal });
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  const items: (ViewItem | ViewSnapshot)[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body!) {
    buffered += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) !== -1) {
      const message = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (message.startsWith('data: ')) items.push(...(JSON.parse(message.slice(6)) as (ViewItem | ViewSnapshot)[]));
    }
    if (items.length > 0) onSnapshot();
    if (done(items)) break;
  }
  return items;
}

describe('the live view server', () => {
  let t: TestRing;
  let view: ViewServer;
  /** As the page sends them: commands with the page's header. */
  const api = (path: string, init?: RequestInit) =>
    fetch(new URL(`api/${path}`, view.url), {
      ...init,
      headers: init?.method === 'POST' ? { 'x-ringdht-view': '1' } : {},
    });

  before(async () => {
    // Pings given a whole second to be answered: with 200 ms pings (a 100 ms timeout) load alone could have a live peer
    // declared dead, and the store below routed around it (its hops are checked one by one).
    t = await createTestRing({ peers: IDS, pingIntervalMs: 1_000, pingTimeoutMs: 1_000, maxFileBytes: 1024 * 1024 });
    // A port of the test ring's own block (ids go up to 19 only), so it stays within RINGDHT_TEST_PORTS.
    view = await t.ring.serveView({ port: t.basePort + 255 });
  });
  after(() => t.close());

  test('serves the page and its bundled code from the package, on the peers host', async () => {
    assert.equal(view.url, `http://127.0.0.1:${t.basePort + 255}/`);
    const html = await (await fetch(view.url)).text();
    assert.match(html, /<script type="module" src="main.js">/);
    const code = await fetch(new URL('main.js', view.url));
    assert.equal(code.status, 200);
    const text = await code.text();
    assert.ok(!/from\s*["']d3-/.test(text), 'the d3 modules are bundled in, not imported from elsewhere');
    assert.ok(!/https?:\/\/(cdn|unpkg|esm\.sh)/.test(text), 'nothing is loaded from a CDN');
  });

  test('a page opening the stream gets every peer, then the hops of a store as they happen', async () => {
    let opened = () => {};
    const snapshotSeen = new Promise<void>((resolve) => (opened = resolve));
    const stream = readStream(
      view.url,
      (items) => items.some((i) => i.type === 'line' && i.line.event === 'store.accepted' && i.line.name === '0012'),
      AbortSignal.timeout(20_000),
      opened,
    );
    // The store starts once the page has its snapshot: the stream shows what happens from then on.
    await snapshotSeen;
    const [result, items] = await Promise.all([t.ring.peer(2).store('0012', { empty: true }), stream]);
    assert.equal(result.ok, true);
    const snapshot = items[0] as ViewSnapshot;
    assert.equal(snapshot.type, 'snapshot');
    assert.deepEqual(
      snapshot.peers.map((p) => p.id),
      IDS,
    );
    assert.deepEqual(snapshot.peers.find((p) => p.id === 9)?.successors, [14, 19]);
    // 0012 is placed at 12: 2 -> 4 -> 5 -> 8 -> 9 -> 14 accepts it.
    const hops = items.flatMap((i) =>
      i.type === 'line' && i.line.event === 'store.forwarded' && i.line.name === '0012'
        ? [[i.peer, i.line.successor as number]]
        : [],
    );
    assert.deepEqual(
      hops.sort((a, b) => a[0]! - b[0]!),
      [
        [2, 4],
        [4, 5],
        [5, 8],
        [8, 9],
        [9, 14],
      ],
    );
  });

  test('a file uploaded is stored, requested, and downloaded byte for byte', async () => {
    const bytes = randomBytes(700 * 1024); // over the inline limit: it travels on a connection of its own
    const stored = await api('store?peer=8&name=photo.jpg', { method: 'POST', body: bytes });
    assert.equal(stored.status, 200);
    const storeResult = (await stored.json()) as { ok: boolean; holder: number };
    assert.equal(storeResult.ok, true);
    const requested = await api(`request?peer=4&name=${encodeURIComponent('photo.jpg')}`, { method: 'POST' });
    const result = (await requested.json()) as { ok: boolean; holder: number; download: string };
    assert.equal(result.ok, true);
    assert.equal(result.holder, storeResult.holder);
    const download = await fetch(new URL(result.download, view.url));
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition') ?? '', /photo\.jpg/);
    assert.equal(sha(new Uint8Array(await download.arrayBuffer())), sha(bytes));
  });

  test('bad requests get 4xx with a sentence, and the ring goes on', async () => {
    const cases: [string, RequestInit | undefined, number, RegExp][] = [
      ['store?peer=8&name=a%2Fb', { method: 'POST', body: 'x' }, 400, /path separator/],
      ['store?peer=8', { method: 'POST', body: 'x' }, 400, /give name=/],
      ['store?peer=300&name=0001', { method: 'POST', body: 'x' }, 400, /not a peer id: ids are integers 0 to 255/],
      ['store?peer=abc&name=0001', { method: 'POST', body: 'x' }, 400, /not a peer id/],
      ['store?peer=7&name=0001', { method: 'POST', body: 'x' }, 404, /Peer 7 is not in this process/],
      ['store?peer=8&name=0001', undefined, 405, /use POST/],
      ['request?peer=2&name=', { method: 'POST' }, 400, /not valid/],
      ['received?peer=2&name=never', undefined, 404, /has not received File never/],
      ['join?peer=9&via=2', { method: 'POST' }, 409, /already running/],
      ['join?peer=30', { method: 'POST' }, 400, /give via=/],
      ['kill?peer=99', { method: 'POST' }, 404, /not in this process/],
      ['launch?peer=2', { method: 'POST' }, 404, /no such command: launch/],
    ];
    for (const [path, init, status, message] of cases) {
      const response = await api(path, init);
      const body = (await response.json()) as { ok: boolean; error: string };
      assert.equal(response.status, status, path);
      assert.equal(body.ok, false);
      assert.match(body.error, message, path);
    }
    assert.equal((await fetch(new URL('nothing-here', view.url))).status, 404);
    // Over --max-file-size (1 MiB here): refused as it arrives, whether or not it said its length first.
    const big = randomBytes(1024 * 1024 + 1);
    const declared = await api('store?peer=8&name=big', { method: 'POST', body: big });
    assert.equal(declared.status, 413);
    assert.match(((await declared.json()) as { error: string }).error, /at most 1048576 bytes/);
    const streamed = await api('store?peer=8&name=big', {
      method: 'POST',
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(t.ring.ids().length, IDS.length);
    const after = await t.ring.peer(8).store('0099', { empty: true });
    assert.equal(after.ok, true, 'the ring still stores');
  });

  test("commands from another site's page, without the page's header, or by another host name are refused", async () => {
    const kill = new URL('api/kill?peer=19', view.url);
    const plain = await fetch(kill, { method: 'POST' });
    assert.equal(plain.status, 403);
    assert.match(((await plain.json()) as { error: string }).error, /need the header x-ringdht-view: 1/);
    const foreign = await fetch(kill, {
      method: 'POST',
      headers: { 'x-ringdht-view': '1', origin: 'http://evil.example' },
    });
    assert.equal(foreign.status, 403);
    assert.match(((await foreign.json()) as { error: string }).error, /other sites' pages/);
    // DNS rebinding: a name that resolves here but is not a loopback name.
    // (fetch does not let a Host header be set: node:http does.)
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      request({
        host: '127.0.0.1',
        port: view.port,
        path: '/api/state',
        headers: { host: `evil.example:${view.port}` },
      })
        .on('response', (response) => {
          response.resume();
          resolve(response.statusCode);
        })
        .on('error', reject)
        .end(),
    );
    assert.equal(rebound, 403);
    assert.equal(t.ring.has(19), true, 'nothing was killed');
    const local = await fetch(new URL('api/state', view.url.replace('127.0.0.1', 'localhost')));
    assert.equal(local.status, 200);
  });

  test('kill and join from the page reach the ring', async () => {
    const joined = await api('join?peer=30&via=2', { method: 'POST' });
    assert.equal(((await joined.json()) as { ok: boolean }).ok, true);
    assert.equal(t.ring.has(30), true);
    const killed = await api('kill?peer=30', { method: 'POST' });
    assert.equal(killed.status, 200);
    assert.equal(t.ring.has(30), false);
  });

  test('the server closes with the ring', async () => {
    await t.ring.close();
    await assert.rejects(fetch(view.url), 'nothing listens any more');
  });
});

test('a view port in use is one sentence naming it', async () => {
  const t = await createTestRing({ peers: [1, 2] });
  try {
    const view = await t.ring.serveView({ port: t.basePort + 255 });
    await assert.rejects(t.ring.serveView({ port: view.port }), /port already in use \(give --web another port\)/);
  } finally {
    await t.close();
  }
});
