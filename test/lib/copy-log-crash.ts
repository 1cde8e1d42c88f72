// What a crash leaves of a peer's copy log when some of its last records never reached the disk: the log rewritten with
// only the records before them (a test's stand-in for a crash between two appends).
import { rm } from 'node:fs/promises';
import { CopyLog, type LogRecord } from '../../src/store/copy-log.ts';

/** Rewrites the log at `path` without the records `lost` picks (each of which came after every record kept). */
export async function logWithout(path: string, lost: (record: LogRecord) => boolean): Promise<void> {
  const kept = (await CopyLog.read(path)).filter((record) => !lost(record));
  await rm(path, { force: true });
  const { log } = await CopyLog.open(path);
  for (const record of kept) await log.append(record);
  await log.close();
}
