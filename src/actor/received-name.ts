// The name a requested file is saved under (SPEC.md section 4): received_NNNN.pdf for the original's four-digit names,
// received_<NAME> for any other, shortened with a hash where the file system's limit on a name's length requires.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { isFourDigits } from '../core/ring.ts';

/** The longest file name most file systems take (ext4, APFS, NTFS in UTF-16 units: 255), in UTF-8 bytes. */
export const NAME_MAX_BYTES = 255;
const PREFIX = 'received_';
/** Hex digits of SHA-256(name) that keep two shortened names apart. */
const HASH_CHARS = 16;
/** An extension longer than this is not kept apart when a name is shortened: it is part of the text. */
const MAX_KEPT_EXTENSION_BYTES = 16;

/** The first bytes of `text`, at most `maxBytes` of UTF-8, never splitting a character. */
function firstBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

export function receivedFileName(name: string): string {
  if (isFourDigits(name)) return `${PREFIX}${name}.pdf`;
  const whole = `${PREFIX}${name}`;
  if (Buffer.byteLength(whole) <= NAME_MAX_BYTES) return whole;
  // Readable (the name's start and its extension) and unique (a hash of the whole name).
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_CHARS);
  const ext = extname(name);
  const kept = ext !== '' && Buffer.byteLength(ext) <= MAX_KEPT_EXTENSION_BYTES ? ext : '';
  const stem = kept === '' ? name : name.slice(0, -kept.length);
  const room = NAME_MAX_BYTES - Buffer.byteLength(PREFIX) - 1 - HASH_CHARS - Buffer.byteLength(kept);
  return `${PREFIX}${firstBytes(stem, room)}~${hash}${kept}`;
}
