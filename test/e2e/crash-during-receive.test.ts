// kill -9 of a one-peer process while it receives a file: after a restart on the same data directory
// no partial file is visible, neither to the peer (status) nor on disk.
import assert from 'node:assert/strict';
import { watch } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Body } from '../../src/wire/codec.ts';
import { encodeEnvelope } from '../../src/wire/codec.ts';
import { frame } from '../../src/wire/framing.ts';
import { BIN, CliProcess, freeBasePort, statusRows, tempDir } from './cli.ts';

const FILE_BYTES = 4 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

test('kill -9 while a file arrives leaves no partial file after the restart', async () => {
  const dir = await tempDir();
  const basePort = await freeBasePort([4]);
  const filesDir = join(dir.path, 'ringdht-data', 'peer-4', 'files');
  const start = () =>
    new CliProcess(process.execPath, [BIN, 'init', '4', '2', '2', '0.5'], {
      cwd: dir.path,
      env: { RINGDHT_BASE_PORT: String(basePort) },
    });
  let peer = start();
  let sender: Socket | undefined;
  try {
    await peer.waitForLine((l) => l.startsWith('Ping request'), 'peer 4 listening');
    sender = connect({ host: '127.0.0.1', port: basePort + 4 });
    sender.on('error', () => {}); // the peer dies under it
    await mkdir(filesDir, { recursive: true });
    // A copy of 0004 from Peer 2 (a store's copy: op > 0), half sent, then the sender stalls.
    const appeared = new Promise<void>((resolve) => {
      const watcher = watch(filesDir, (_, name) => {
        if (name?.toString().endsWith('.tmp')) {
          watcher.close();
          resolve();
        }
      });
    });
    const header: Body = {
      type: 'transferHeader',
      header: {
        purpose: 'replica',
        op: 1,
        origin: 2,
        name: '0004',
        sizeBytes: FILE_BYTES,
        hops: 0,
        version: { stamp: 1, origin: 2, op: 1 },
      },
    };
    sender.write(frame(encodeEnvelope(2, header)));
    for (let sent = 0; sent < FILE_BYTES / 2; sent += CHUNK_BYTES) {
      sender.write(frame(encodeEnvelope(2, { type: 'transferChunk', data: Buffer.alloc(CHUNK_BYTES, 7) })));
    }
    await appeared; // the peer is writing the file
    peer.child.kill('SIGKILL');
    await peer.exited;
    assert.ok(
      (await readdir(filesDir)).some((name) => name.endsWith('.tmp')),
      'the killed peer left its temporary file',
    );

    peer = start();
    await peer.waitForLine((l) => l.startsWith('Ping request'), 'peer 4 listening again');
    assert.deepEqual(await readdir(filesDir), [], 'nothing left in files/');
    assert.deepEqual(await readdir(join(dir.path, 'ringdht-data', 'peer-4', 'meta')), [], 'nothing left in meta/');
    peer.send('status');
    await peer.waitForLine((l) => /^\s*4\s+127\.0\.0\.1:/.test(l), 'the status table');
    assert.equal(statusRows(peer.stdout)[0]?.['files'], '-', peer.stdout);
    const { code, stderr } = await peer.finish();
    assert.equal(code, 0, stderr);
  } finally {
    sender?.destroy();
    if (peer.child.exitCode === null) peer.child.kill();
    await peer.exited;
    await dir.remove();
  }
});
