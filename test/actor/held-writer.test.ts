// A small received file is held as it arrives and written whole at its commit: it appears whole or not at all, replaces
// an older one only then, and a wrong digest or an abort keeps nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { HELD_BUDGET_BYTES, HeldBudget, HeldFileWriter } from '../../src/actor/held-writer.ts';
import { ChecksumMismatchError } from '../../src/store/atomic-file.ts';
import { openIn } from '../lib/open-files.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

const withTempDir = (run: (dir: string) => Promise<void>) => inTempDir('held-writer', run);

test('pieces written without waiting land whole and in order, replacing an older file only at the commit', () =>
  withTempDir(async (dir) => {
    const path = join(dir, 'peer-7', 'received_2067.pdf');
    const writer = new HeldFileWriter(path);
    const pieces = [Buffer.from('first '), Buffer.alloc(0), Buffer.from('second '), Buffer.alloc(200_000, 3)];
    await Promise.all(pieces.map((piece) => writer.write(piece)));
    assert.deepEqual(await readdir(dir), [], 'nothing on disk before the commit');
    await writer.commit(sha256(Buffer.concat(pieces)));
    assert.ok((await readFile(path)).equals(Buffer.concat(pieces)));
    assert.ok(writer.sha256().equals(sha256(Buffer.concat(pieces))));

    const next = new HeldFileWriter(path);
    await next.write(Buffer.from('newer'));
    assert.ok((await readFile(path)).equals(Buffer.concat(pieces)), 'the older file stays until the commit');
    await next.commit();
    assert.equal(await readFile(path, 'utf8'), 'newer');
    assert.deepEqual(await readdir(join(dir, 'peer-7')), ['received_2067.pdf']);
    await assert.rejects(next.write(Buffer.from('more')), /already committed/);
    // The older file was held open across the rename and is closed in the background: wait for it (bounded).
    for (let turn = 0; turn < 10_000 && openIn(dir) > 0; turn++) await new Promise((r) => setImmediate(r));
    assert.equal(openIn(dir), 0, 'no descriptor left on a file of the directory');
  }));

test('a wrong digest throws the coded error and keeps nothing, an older file untouched; an aborted one is never written', () =>
  withTempDir(async (dir) => {
    const path = join(dir, 'received_2067.pdf');
    await writeFile(path, 'older');
    const writer = new HeldFileWriter(path);
    await writer.write(Buffer.from('what arrived'));
    await assert.rejects(writer.commit(sha256(Buffer.from('what was sent'))), (error: unknown) => {
      assert.ok(error instanceof ChecksumMismatchError);
      assert.equal(error.actualSha256, sha256(Buffer.from('what arrived')).toString('hex'));
      return true;
    });
    await writer.abort(); // what a caller's error path does after a failed commit
    await assert.rejects(writer.commit(), /already/);
    assert.equal(await readFile(path, 'utf8'), 'older');
    assert.deepEqual(await readdir(dir), ['received_2067.pdf']);

    const aborted = new HeldFileWriter(path);
    await aborted.write(Buffer.from('half'));
    await aborted.abort();
    await assert.rejects(aborted.commit(), /already aborted/);
    assert.equal(await readFile(path, 'utf8'), 'older');
  }));

test("a peer's held deliveries stay within its budget: each gives its bytes back once, at its commit, failed or not, or abort", () =>
  withTempDir(async (dir) => {
    const budget = new HeldBudget();
    const writers: HeldFileWriter[] = [];
    const MiB = 1024 * 1024;
    for (let i = 0; budget.take(MiB); i++) writers.push(new HeldFileWriter(join(dir, `f${i}`), () => budget.give(MiB)));
    assert.equal(
      writers.length,
      HELD_BUDGET_BYTES / MiB,
      'past the budget the next is not held (written as it arrives)',
    );
    const [committed, mismatched, aborted] = writers;
    await committed!.write(Buffer.from('a'));
    await committed!.commit();
    assert.equal(budget.bytes, HELD_BUDGET_BYTES - MiB);
    await mismatched!.write(Buffer.from('b'));
    await assert.rejects(mismatched!.commit(sha256(Buffer.from('c'))), ChecksumMismatchError);
    await mismatched!.abort(); // a caller's error path: given back once, not twice
    assert.equal(budget.bytes, HELD_BUDGET_BYTES - 2 * MiB);
    await aborted!.abort();
    await aborted!.abort();
    assert.equal(budget.bytes, HELD_BUDGET_BYTES - 3 * MiB);
    assert.equal(budget.take(3 * MiB), true, 'the bytes given back are held again');
    for (const writer of writers) await writer.abort();
  }));
