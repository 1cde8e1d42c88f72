// Errors that may travel to another peer say what failed, without the holder's file paths.
import assert from 'node:assert/strict';
import { open, rename } from 'node:fs/promises';
import { test } from 'node:test';
import { withoutPaths } from '../../src/actor/transfers.ts';

test('an fs error loses its paths and keeps what failed', async () => {
  const error = await open('/nonexistent-ringdht/peer-2/files/0040', 'r').catch((e: unknown) => e);
  assert.equal(withoutPaths(error), 'ENOENT: no such file or directory (open)');
  const renamed = await rename('/nonexistent-ringdht/a', '/nonexistent-ringdht/b').catch((e: unknown) => e);
  const said = withoutPaths(renamed);
  assert.doesNotMatch(said, /nonexistent-ringdht/);
  assert.match(said, /^ENOENT: no such file or directory \(rename\)$/);
});

test('other errors are said as they are', () => {
  assert.equal(withoutPaths(new Error('connection reset')), 'connection reset');
  assert.equal(withoutPaths('plain'), 'plain');
});
