// The ports test rings use: a range a user can set (RINGDHT_TEST_PORTS), read by createTestRing and the e2e helpers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PortBlocks, randomBasePort, TEST_PORTS_DEFAULT, testPortRange } from '../../src/host/testing.ts';

test('RINGDHT_TEST_PORTS sets the range; every base port and its 256 ports stay inside it', () => {
  assert.deepEqual(testPortRange({}), TEST_PORTS_DEFAULT);
  assert.deepEqual(testPortRange({ RINGDHT_TEST_PORTS: '20000-20511' }), { low: 20_000, high: 20_511 });
  for (let i = 0; i < 1000; i++) {
    const base = randomBasePort({ RINGDHT_TEST_PORTS: '20000-20511' });
    assert.ok(base >= 20_000 && base + 255 <= 20_511, String(base));
  }
  assert.equal(randomBasePort({ RINGDHT_TEST_PORTS: '30000-30255' }), 30_000);
});

test('a range that cannot be used is refused with one sentence', () => {
  for (const bad of ['20000', '20000-20100', '0-1000', '60000-70000', 'a-b'])
    assert.throws(() => testPortRange({ RINGDHT_TEST_PORTS: bad }), /is not a port range: write LOW-HIGH/);
});

test('test processes side by side hold different blocks of ports; a block is freed when its process exits', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ringdht-port-locks-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const blocks = new PortBlocks(dir);
  assert.equal(blocks.claim(20_000, 23_999), 20_480);
  assert.equal(blocks.claim(20_000, 23_999), 20_480, 'a process keeps its block');
  const script = `import { PortBlocks } from './src/host/testing.ts';
console.log(new PortBlocks(${JSON.stringify(dir)}).claim(20000, 23999));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(child.stdout.trim(), '21504', child.stderr);
  assert.equal(existsSync(join(dir, '21504')), false, "the child's block is freed at its exit");
  assert.equal(readFileSync(join(dir, '20480'), 'utf8'), String(process.pid));

  // A lock whose process is alive is skipped; one whose process has exited is taken over.
  const other = mkdtempSync(join(tmpdir(), 'ringdht-port-locks-'));
  t.after(() => rmSync(other, { recursive: true, force: true }));
  writeFileSync(join(other, '20480'), String(process.ppid));
  const exited = spawnSync(process.execPath, ['-e', '']).pid!;
  writeFileSync(join(other, '21504'), String(exited));
  assert.equal(new PortBlocks(other).claim(20_000, 23_999), 21_504);
  assert.equal(readFileSync(join(other, '21504'), 'utf8'), String(process.pid));
  writeFileSync(join(other, '22528'), String(process.ppid));
  assert.equal(new PortBlocks(other).claim(20_000, 23_551), undefined, 'every block held: none');
});
