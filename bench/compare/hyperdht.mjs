// Compare child: a hyperdht testnet of N nodes on 127.0.0.1 (explicit local bootstrap), immutablePut then immutableGet.
import './guard.mjs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { args, report, rssAfterGc, seeded, timedLoop, warmLoop } from './child.mjs';

const require = createRequire(import.meta.url);
const createTestnet = require('hyperdht/testnet.js');
const { n, values, gets, warmMs, valueBytes, budgetMs, seed } = args;
const random = seeded(seed);
const node = (nodes) => nodes[Math.floor(random() * nodes.length)];

const before = await rssAfterGc();
const t0 = performance.now();
// host 127.0.0.1: every node binds there, and the first node is everyone's bootstrap, so the public list is never used.
const testnet = await createTestnet(n, { host: '127.0.0.1' });
const startupMs = performance.now() - t0;
try {
  const rssPerNode = ((await rssAfterGc()) - before) / n;
  const nodes = testnet.nodes;
  const deadline = performance.now() + budgetMs;
  const hashes = [];
  const putMs = await timedLoop(values, deadline, async () => {
    const { hash } = await node(nodes).immutablePut(randomBytes(valueBytes));
    hashes.push(hash);
  });
  let misses = 0;
  const getOne = async () => {
    const found = await node(nodes).immutableGet(hashes[Math.floor(random() * hashes.length)]);
    if (found === null) misses++;
  };
  await warmLoop(warmMs, getOne);
  misses = 0;
  const getMs = await timedLoop(gets, performance.now() + budgetMs, getOne);
  report({ startupMs, rssPerNode, putMs, getMs, misses });
} finally {
  await testnet.destroy();
}
