// The name a requested file is saved under: the original's for four-digit names, readable and unique for long ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NAME_MAX_BYTES, receivedFileName } from '../../src/actor/received-name.ts';

test('four-digit names keep the original received_NNNN.pdf; other names get no .pdf added', () => {
  assert.equal(receivedFileName('4103'), 'received_4103.pdf');
  assert.equal(receivedFileName('0000'), 'received_0000.pdf');
  assert.equal(receivedFileName('report.bin'), 'received_report.bin');
  assert.equal(receivedFileName('12345'), 'received_12345');
  assert.equal(receivedFileName('notes.txt'), 'received_notes.txt');
});

test('a name that fits after received_ is kept whole, up to the 255-byte limit', () => {
  const name = 'a'.repeat(NAME_MAX_BYTES - 'received_'.length);
  assert.equal(receivedFileName(name), `received_${name}`);
});

test('a name too long for received_ is shortened: its start, a hash of the whole, its extension; unique; within the limit', () => {
  const long = (tail: string) => `${'x'.repeat(245)}${tail}.pdf`; // 250 bytes
  const [a, b] = [receivedFileName(long('1')), receivedFileName(long('2'))];
  for (const shortened of [a, b]) {
    assert.ok(Buffer.byteLength(shortened) <= NAME_MAX_BYTES, `${Buffer.byteLength(shortened)} bytes`);
    assert.match(shortened, /^received_x+~[0-9a-f]{16}\.pdf$/);
  }
  assert.notEqual(a, b);
  assert.equal(receivedFileName(long('1')), a, 'the same name always gets the same file');
});

test('multi-byte characters are never cut in half', () => {
  const name = 'ü'.repeat(127); // 254 bytes
  const shortened = receivedFileName(name);
  assert.ok(Buffer.byteLength(shortened) <= NAME_MAX_BYTES);
  assert.ok(!shortened.includes('\uFFFD'));
  assert.equal(Buffer.from(shortened).toString('utf8'), shortened);
  assert.match(shortened, /^received_ü+~[0-9a-f]{16}$/);
});
