// The copy log on a Node without zlib.crc32 (before 20.15): its records are written sha256-checked (as every log before
// the CRC was), which any Node reads; a log with CRC records is refused with an error naming the Node it needs, not
// read as torn (review28c: every CRC record read as torn, and acknowledged commits were dropped without a word).
// copy-log.ts is loaded again (a query makes it another module) after zlib.crc32 is taken out of node:zlib.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { CopyLog, type LogRecord } from '../../src/store/copy-log.ts';
import { v } from '../lib/store-copies.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const withLogPath = (run: (path: string) => Promise<void>) =>
  inTempDir('copylog', (dir) => run(join(dir, 'copies.log')));

const copy = (name: string, text: string): LogRecord => {
  const data = Buffer.from(text);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { kind: 'copy', meta: { name, sizeBytes: data.length, sha256, version: v(1) }, data };
};

const acknowledged = [copy('a', 'acknowledged'), { kind: 'commit', name: 'a', version: v(1) }] as const;

describe('the copy log where Node has no zlib.crc32', () => {
  const saved = zlib.crc32;
  let Without: typeof CopyLog;
  before(async () => {
    delete (zlib as { crc32?: unknown }).crc32;
    syncBuiltinESMExports();
    const url = new URL('../../src/store/copy-log.ts?without-crc32', import.meta.url).href;
    Without = ((await import(url)) as { CopyLog: typeof CopyLog }).CopyLog;
  });
  after(() => {
    zlib.crc32 = saved;
    syncBuiltinESMExports();
  });

  test('a log with CRC records is refused, with what Node it needs, not read as torn', () =>
    withLogPath(async (path) => {
      const { log } = await CopyLog.open(path); // written where crc32 is
      for (const record of acknowledged) await log.append(record);
      await log.close();
      assert.equal((await readFile(path)).readUInt8(9), 1, "the first record's checksum kind: CRC-32");
      await assert.rejects(Without.read(path), /CRC-32.*Node 20\.15 or later/);
      await assert.rejects(Without.open(path), /CRC-32.*Node 20\.15 or later/);
      assert.deepEqual(await CopyLog.read(path), acknowledged, 'the log is left as it was');
    }));

  test('records written there are sha256-checked: read back there, and where crc32 is', () =>
    withLogPath(async (path) => {
      const { log } = await Without.open(path);
      for (const record of acknowledged) await log.append(record);
      await log.close();
      assert.equal((await readFile(path)).readUInt8(9), 0, "the first record's checksum kind: sha256");
      assert.deepEqual(await Without.read(path), acknowledged);
      assert.deepEqual(await CopyLog.read(path), acknowledged);
    }));
});
