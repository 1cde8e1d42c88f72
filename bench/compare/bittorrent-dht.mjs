// Compare child: N bittorrent-dht nodes on 127.0.0.1 (bootstrap: false, every node given the others by hand), BEP44 immutable put/get.
import './guard.mjs';
import DHT from 'bittorrent-dht';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { args, report, rssAfterGc, seeded, timedLoop, warmLoop } from './child.mjs';

const { n, values, gets, warmMs, valueBytes, budgetMs, seed } = args;
const random = seeded(seed);
const pickNode = (nodes) => nodes[Math.floor(random() * nodes.length)];

const before = await rssAfterGc();
const t0 = performance.now();
const nodes = [];
try {
  for (let i = 0; i < n; i++) {
    const dht = new DHT({ bootstrap: false, host: '127.0.0.1' });
    dht.on('error', () => {});
    dht.on('warning', () => {});
    nodes.push(dht);
    await new Promise((resolve) => dht.listen(0, '127.0.0.1', resolve));
  }
  // Ids are known, so addNode puts a contact straight into the routing table without a ping (k-buckets keep what fits).
  for (const dht of nodes) {
    for (const other of nodes)
      if (other !== dht) dht.addNode({ host: '127.0.0.1', port: other.address().port, id: other.nodeId });
  }
  const startupMs = performance.now() - t0;
  const rssPerNode = ((await rssAfterGc()) - before) / n;
  const deadline = performance.now() + budgetMs;
  const hashes = [];
  const putMs = await timedLoop(
    values,
    deadline,
    () =>
      new Promise((resolve, reject) => {
        pickNode(nodes).put({ v: randomBytes(valueBytes) }, (err, hash) => {
          if (err) reject(err);
          else resolve(hashes.push(hash));
        });
      }),
  );
  let misses = 0;
  // cache: false, so a node that happens to hold the value still asks the network, as the others do.
  const getOne = () =>
    new Promise((resolve, reject) => {
      pickNode(nodes).get(hashes[Math.floor(random() * hashes.length)], { cache: false }, (err, res) => {
        if (err) reject(err);
        else resolve(res === null ? misses++ : 0);
      });
    });
  await warmLoop(warmMs, getOne);
  misses = 0;
  const getMs = await timedLoop(gets, performance.now() + budgetMs, getOne);
  report({ startupMs, rssPerNode, putMs, getMs, misses });
} finally {
  await Promise.all(nodes.map((dht) => new Promise((resolve) => dht.destroy(resolve))));
}
