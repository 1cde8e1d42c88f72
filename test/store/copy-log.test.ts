// Tests of CopyLog (src/store/copy-log.ts): group commit, records read back, a torn last record, generations.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { open, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import { CopyLog, LOG_PREALLOCATED_BYTES, type LogRecord } from '../../src/store/copy-log.ts';
import { v } from '../lib/store-copies.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const withLogPath = (run: (path: string) => Promise<void>) =>
  inTempDir('copylog', (dir) => run(join(dir, 'copies.log')));

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

type CopyRecord = Extract<LogRecord, { kind: 'copy' }>;

const copy = (name: string, data: Buffer, version = v(1)): CopyRecord => ({
  kind: 'copy',
  meta: { name, sizeBytes: data.length, sha256: sha256(data), version },
  data,
});

/**
 * A copy record's bytes, written here by hand from the format's description (copy-log.ts): header (magic 'RDCL',
 * generation, kind 1, the checksum's kind, body length, checksum), then the metadata's length, the metadata, the bytes.
 * `check`: 'sha256' as every log before the CRC was written (its first 16 bytes), 'crc32' as written now.
 */
function copyBytes(record: CopyRecord, check: 'sha256' | 'crc32', generation = 0): Buffer {
  const meta = Buffer.from(JSON.stringify(record.meta));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(meta.length);
  const body = Buffer.concat([length, meta, record.data]);
  const head = Buffer.alloc(16);
  head.writeUInt32LE(0x5244_434c, 0);
  head.writeUInt32LE(generation, 4);
  head.writeUInt8(1, 8);
  head.writeUInt8(check === 'sha256' ? 0 : 1, 9);
  head.writeUInt32LE(body.length, 12);
  const checksum = Buffer.alloc(16);
  if (check === 'sha256') createHash('sha256').update(head).update(body).digest().copy(checksum, 0, 0, 16);
  else checksum.writeUInt32LE(crc32(body, crc32(head)));
  return Buffer.concat([head, checksum, body]);
}

describe('CopyLog', () => {
  test('a new log is preallocated; records appended in one turn share one (O_DSYNC) write', () =>
    withLogPath(async (path) => {
      const { log, records } = await CopyLog.open(path);
      assert.deepEqual(records, []);
      assert.equal((await stat(path)).size, LOG_PREALLOCATED_BYTES);
      const data = [randomBytes(1024), randomBytes(10), Buffer.alloc(0)];
      await Promise.all(data.map((d, i) => log.append(copy(`n${i}`, d))));
      assert.equal(log.counts.writes, 1);
      await log.append({ kind: 'discard', name: 'n1', version: v(1) });
      await log.close();
      const reopened = await CopyLog.open(path);
      assert.deepEqual(reopened.records, [
        ...data.map((d, i) => copy(`n${i}`, d)),
        { kind: 'discard', name: 'n1', version: v(1) },
      ]);
      assert.equal((await stat(path)).size, LOG_PREALLOCATED_BYTES, 'records overwrite the zeros: no growth');
      await reopened.log.close();
    }));

  test('a record torn by a crash ends the log: the records before it are read, nothing after it', () =>
    withLogPath(async (path) => {
      const { log } = await CopyLog.open(path);
      await log.append(copy('first', Buffer.from('whole')));
      const second = log.bytesUsed;
      await log.append(copy('second', randomBytes(2000)));
      await log.append(copy('third', Buffer.from('after')));
      await log.close();
      // What a crash in the middle of the second record's write leaves: part of its bytes, the rest as before (zeros).
      const handle = await open(path, 'r+');
      await handle.write(Buffer.alloc(1500), 0, 1500, second + 600);
      await handle.close();
      const reopened = await CopyLog.open(path);
      assert.deepEqual(
        reopened.records.map((r) => (r.kind === 'copy' ? r.meta.name : r.kind)),
        ['first'],
      );
      await reopened.log.close();
    }));

  test("after a reset the older generation's records are not read, even where the new ones are shorter", () =>
    withLogPath(async (path) => {
      const { log } = await CopyLog.open(path);
      await log.append(copy('old-1', randomBytes(3000)));
      await log.append(copy('old-2', randomBytes(3000)));
      await log.reset();
      await log.close();
      const again = await CopyLog.open(path);
      assert.deepEqual(again.records, [], 'a reset alone hides them (its mark is written)');
      await again.log.append(copy('new', Buffer.from('short')));
      await again.log.close();
      const reopened = await CopyLog.open(path);
      assert.deepEqual(reopened.records, [copy('new', Buffer.from('short'))]);
      await reopened.log.close();
    }));

  test('a log written before records had a CRC (sha256-checked records) is read', () =>
    withLogPath(async (path) => {
      const before = [copy('old-1', randomBytes(1024)), copy('old-2', Buffer.from('second'))] as const;
      await writeFile(path, Buffer.concat(before.map((r) => copyBytes(r, 'sha256'))));
      const { log, records } = await CopyLog.open(path);
      assert.deepEqual(records, before);
      await log.close();
    }));

  test('a CRC-checked record, as the format says, is read; one whose CRC does not match ends the log', () =>
    withLogPath(async (path) => {
      const first = copy('crc-1', randomBytes(1024));
      const second = copy('crc-2', randomBytes(1024));
      const bytes = Buffer.concat([copyBytes(first, 'crc32'), copyBytes(second, 'crc32')]);
      await writeFile(path, bytes);
      const read = await CopyLog.open(path);
      assert.deepEqual(read.records, [first, second]);
      await read.log.close();
      bytes[bytes.length - 1]! ^= 1; // the second's last byte, as a crash may leave it
      await writeFile(path, bytes);
      const torn = await CopyLog.open(path);
      assert.deepEqual(torn.records, [first]);
      await torn.log.close();
    }));

  test("a copy whose bytes are not its metadata's sha256 ends the log, whatever its checksum says", () =>
    withLogPath(async (path) => {
      const whole = copy('whole', Buffer.from('whole'));
      const wrong = { ...copy('wrong', Buffer.from('these bytes')), data: Buffer.from('other bytes') } as const;
      await writeFile(
        path,
        Buffer.concat([
          copyBytes(whole, 'sha256'),
          copyBytes(wrong, 'sha256'),
          copyBytes(copy('after', Buffer.from('x')), 'crc32'),
        ]),
      );
      const { log, records } = await CopyLog.open(path);
      assert.deepEqual(records, [whole]);
      await log.close();
    }));

  test("a first record torn by a crash: the records written after it are of a new generation, no older one's read again", () =>
    withLogPath(async (path) => {
      let { log } = await CopyLog.open(path); // generation 0
      await log.append(copy('aaaa', Buffer.from('first generation, long settled')));
      await log.append({ kind: 'commit', name: 'stale', version: v(1) }); // what must not come back
      await log.reset(); // generation 1: its mark at 0
      await log.close();
      ({ log } = await CopyLog.open(path)); // a restart: appends from 0, in generation 1
      await log.append(copy('bbbb', Buffer.from('a copy torn by a crash, bytes')));
      await log.close();
      const handle = await open(path, 'r+');
      await handle.write(Buffer.from('X'), 0, 1, 40); // a byte of its body as a crash left it
      await handle.close();
      ({ log } = await CopyLog.open(path)); // nothing readable
      // As long as the first generation's copy: its commit of 'stale' follows where this record ends.
      await log.append(copy('cccc', Buffer.from('a new copy of the same length.')));
      await log.close();
      assert.deepEqual(
        (await CopyLog.read(path)).map((r) => (r.kind === 'copy' ? r.meta.name : `${r.kind} ${r.name}`)),
        ['cccc'],
      );
    }));

  test('a write that failed rejects its records and every later one', () =>
    withLogPath(async (path) => {
      const { log } = await CopyLog.open(path);
      await log.close();
      await assert.rejects(log.append(copy('late', Buffer.from('x'))), /closed/);
    }));
});
