// Floor reference, client side: sequential round trips (UDP, TCP) or bulk sends to echo-server.mjs, timed in this worker.
import dgram from 'node:dgram';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';

const HOST = '127.0.0.1';
const { mode, port, warmup, warmupMs, samples, budgetMs, payloadBytes, bulkBytes, gapMs } = workerData;
// The warm-up's time (warmupMs) is not taken from the measured rounds' budget.
const deadline = performance.now() + (warmupMs ?? 0) + budgetMs;
const payload = Buffer.alloc(payloadBytes ?? 64, 7);
const out = [];

if (mode === 'udp') {
  const socket = dgram.createSocket('udp4');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.bind(0, HOST, resolve));
  socket.connect(port, HOST);
  await new Promise((resolve) => socket.once('connect', resolve));
  // A lost datagram would stall the loop: each round trip gets a short timeout and is then dropped.
  const once = () =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 200);
      socket.once('message', () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.send(payload);
    });
  await loop(once);
  socket.removeAllListeners('message');
  await new Promise((resolve) => socket.close(resolve));
} else {
  const conn = net.connect(port, HOST);
  conn.setNoDelay(true);
  await new Promise((resolve, reject) => {
    conn.once('connect', resolve);
    conn.once('error', reject);
  });
  const size = mode === 'tcp' ? payload.length : 1;
  let received = 0;
  let wake = () => {};
  conn.on('data', (chunk) => {
    received += chunk.length;
    if (received >= size) {
      received -= size;
      wake();
    }
  });
  const block = mode === 'bulk' ? Buffer.alloc(Math.min(bulkBytes, 256 * 1024), 7) : null;
  const once = () =>
    new Promise((resolve) => {
      wake = () => resolve(true);
      if (mode === 'tcp') {
        conn.write(payload);
        return;
      }
      const header = Buffer.alloc(8);
      header.writeBigUInt64BE(BigInt(bulkBytes));
      conn.write(header);
      void sendBulk(conn, block, bulkBytes);
    });
  await loop(once);
  conn.destroy();
}

/** Writes `total` bytes in blocks, waiting for 'drain' as a real sender must. */
async function sendBulk(conn, block, total) {
  for (let left = total; left > 0; left -= block.length) {
    const ok = conn.write(left >= block.length ? block : block.subarray(0, left));
    if (!ok) await new Promise((resolve) => conn.once('drain', resolve));
  }
}

/**
 * Warm-up rounds are thrown away: `warmup` of them, and as many more as `warmupMs` takes (the steady state, as ringdht's
 * figures warm up for as long); every loop is bounded in count and in time. `gapMs` paces rounds as ringdht's pings are.
 */
async function loop(once) {
  const warmUntil = performance.now() + (warmupMs ?? 0);
  for (let i = 0; i < warmup || performance.now() < warmUntil; i++) {
    if (i >= 1_000_000 || performance.now() >= deadline) return;
    await once();
    if (gapMs) await sleep(gapMs);
  }
  for (let i = 0; i < samples && performance.now() < deadline; i++) {
    const t0 = performance.now();
    const ok = await once();
    const ms = performance.now() - t0;
    if (ok) out.push(ms);
    if (gapMs) await sleep(gapMs);
  }
}

parentPort.postMessage({ samplesMs: out });
