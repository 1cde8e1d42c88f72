// What a test checks after closing files: the descriptors this process still holds on them.
import { readdirSync, readlinkSync, realpathSync } from 'node:fs';

/** Descriptors this process holds on files in `dir` (deleted ones too), not the test runner's others. */
export function openIn(dir: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${realpathSync(dir)}/`);
    } catch {
      return false; // closed since the listing
    }
  }).length;
}
