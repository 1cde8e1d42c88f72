// A received copy asked for again with the same bytes is kept as it is (its times set, as a write would), and any
// other file at that path is left for the caller to write whole.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { link, mkdir, stat, symlink, utimes, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { keepIfUnchangedSync } from '../../src/store/unchanged-file.ts';
import { inTempDir } from '../lib/temp-dir.ts';

const withTempDir = (run: (dir: string) => Promise<void>) => inTempDir('unchanged', run);
const bytes = Buffer.from('the copy a request wrote');

describe('keepIfUnchangedSync', () => {
  test('the same bytes: kept, the same file, its modification time now', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'received_2067.pdf');
      await writeFile(path, bytes);
      await utimes(path, 1, 1);
      const before = await stat(path);
      const from = Date.now();
      assert.equal(keepIfUnchangedSync(path, Buffer.from(bytes)), true);
      const after = await stat(path);
      assert.equal(after.ino, before.ino);
      assert.ok(after.mtimeMs >= from - 1000, `mtime ${after.mtimeMs} set to now (${from})`);
      assert.ok((await readFile(path)).equals(bytes));
    }));

  test('anything else is left as it is for the caller to write', () =>
    withTempDir(async (dir) => {
      const at = (name: string) => join(dir, name);
      const cases: Array<[string, () => Promise<void>]> = [
        ['missing', async () => {}],
        [
          'other bytes, same size',
          () => writeFile(at('other bytes, same size'), Buffer.from('the copy a request wrotE')),
        ],
        ['longer', () => writeFile(at('longer'), Buffer.concat([bytes, Buffer.from('!')]))],
        ['shorter', () => writeFile(at('shorter'), bytes.subarray(1))],
        ['a directory', () => mkdir(at('a directory'))],
        [
          'a symbolic link to the same bytes',
          async () => {
            await writeFile(at('target'), bytes);
            await symlink(at('target'), at('a symbolic link to the same bytes'));
          },
        ],
        [
          'the same bytes linked under another name too',
          async () => {
            await writeFile(at('the same bytes linked under another name too'), bytes);
            await link(at('the same bytes linked under another name too'), at('second name'));
          },
        ],
      ];
      for (const [name, make] of cases) {
        await make();
        const before = await stat(at(name)).catch(() => undefined);
        assert.equal(keepIfUnchangedSync(at(name), bytes), false, name);
        const after = await stat(at(name)).catch(() => undefined);
        assert.equal(after?.mtimeMs, before?.mtimeMs, `${name}: not touched`);
      }
    }));

  test('a named pipe at the path: left for the write at once, not waiting for a writer', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'received_2067.pdf');
      execFileSync('mkfifo', [path]);
      // In a child: an open that waited for a writer would block this thread for good.
      const module = new URL('../../src/store/unchanged-file.ts', import.meta.url).href;
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '--eval',
          `const { keepIfUnchangedSync } = await import(${JSON.stringify(module)}); process.stdout.write(String(keepIfUnchangedSync(${JSON.stringify(path)}, Buffer.from('x'))));`,
        ],
        { timeout: 20_000, encoding: 'utf8' },
      );
      assert.equal(child.signal, null, 'it returned');
      assert.equal(child.stdout, 'false');
    }));
});
