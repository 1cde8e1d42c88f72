// Floor reference, server side: a UDP echo, a TCP echo and a TCP byte sink on 127.0.0.1, in a worker thread of its own.
import dgram from 'node:dgram';
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const HOST = '127.0.0.1';
const { mode } = workerData;
const closers = [];

if (mode === 'udp') {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => socket.send(msg, rinfo.port, rinfo.address));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.bind(0, HOST, resolve));
  closers.push(() => new Promise((resolve) => socket.close(resolve)));
  parentPort.postMessage({ port: socket.address().port });
} else {
  const conns = new Set();
  const server = net.createServer((conn) => {
    conns.add(conn);
    conn.setNoDelay(true);
    conn.on('error', () => {});
    conn.on('close', () => conns.delete(conn));
    if (mode === 'tcp') conn.on('data', (chunk) => conn.write(chunk));
    else sink(conn);
  });
  await new Promise((resolve) => server.listen(0, HOST, resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        for (const conn of conns) conn.destroy();
        server.close(resolve);
      }),
  );
  parentPort.postMessage({ port: server.address().port });
}

/** Bulk mode: each transfer is an 8-byte length, then that many bytes; one byte back once all arrived. */
function sink(conn) {
  let header = Buffer.alloc(0);
  let remaining = -1;
  conn.on('data', (chunk) => {
    while (chunk.length > 0) {
      if (remaining < 0) {
        header = Buffer.concat([header, chunk]);
        if (header.length < 8) return;
        remaining = Number(header.readBigUInt64BE(0));
        chunk = header.subarray(8);
        header = Buffer.alloc(0);
      }
      const take = Math.min(remaining, chunk.length);
      remaining -= take;
      chunk = chunk.subarray(take);
      if (remaining === 0) {
        remaining = -1;
        conn.write(Buffer.from([1]));
      }
    }
  });
}

parentPort.on('message', async (msg) => {
  if (msg !== 'close') return;
  await Promise.all(closers.map((close) => close()));
  parentPort.close();
});
