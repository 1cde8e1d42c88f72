// Which ring a process's peers belong to, as their data directories will record it (identity.json).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newRingId } from '../store/file-store.ts';

/**
 * The ring id for peers started together: the one given; else derived from the ring secret (so peers of separate
 * processes that share it agree); else the one most of their directories already record (a restart); else a new one.
 * A directory recording another ring then refuses its peer (unless adopted): it is not this ring's.
 */
export function decideRingId(
  given: string | undefined,
  secret: Uint8Array | null,
  peerDirs: readonly string[],
): string {
  if (given !== undefined) return given;
  if (secret !== null) return createHash('sha256').update('ringdht-ring-id').update(secret).digest('hex').slice(0, 32);
  const counts = new Map<string, number>();
  for (const dir of peerDirs) {
    const recorded = recordedRingId(dir);
    if (recorded !== undefined) counts.set(recorded, (counts.get(recorded) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [id, count] of counts)
    if (best === undefined || count > counts.get(best)! || (count === counts.get(best)! && id < best)) best = id;
  return best ?? newRingId();
}

/** The ring id a peer's directory records, if it has a readable identity file. */
function recordedRingId(dir: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as { ringId?: unknown };
    return typeof parsed.ringId === 'string' ? parsed.ringId : undefined;
  } catch {
    return undefined;
  }
}
