// Tests of CopyLog (src/store/copy-log.ts): group commit, records read back, a torn last record, generations.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CopyLog, LOG_PREALLOCATED_BYTES, type LogRecord } from '../../src/store/copy-log.ts';
import { v } from '../lib/store-copies.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const withLogPath = (run: (path: string) => Promise<void>) =>
  inTempDir('copylog', (dir) => run(join(dir, 'copies.log')));

const copy = (name: string, data: Buffer, version = v(1)): LogRecord => ({
  kind: 'copy',
  meta: { name, sizeBytes: data.length, sha256: 'ab'.repeat(32), version },
  data,
});

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
      log.reset();
      await log.close();
      const again = await CopyLog.open(path);
      assert.deepEqual(again.records, [], 'a reset alone hides them (its mark is written)');
      await again.log.append(copy('new', Buffer.from('short')));
      await again.log.close();
      const reopened = await CopyLog.open(path);
      assert.deepEqual(reopened.records, [copy('new', Buffer.from('short'))]);
      await reopened.log.close();
    }));

  test('a write that failed rejects its records and every later one', () =>
    withLogPath(async (path) => {
      const { log } = await CopyLog.open(path);
      await log.close();
      await assert.rejects(log.append(copy('late', Buffer.from('x'))), /closed/);
    }));
});
