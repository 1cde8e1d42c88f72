// The ring position of a file name other than four digits: the first 32 bits of its SHA-1 (the core is pure, so this is handed to it).
import { createHash } from 'node:crypto';

export function sha1First32(name: string): number {
  return createHash('sha1').update(name, 'utf8').digest().readUInt32BE(0);
}
