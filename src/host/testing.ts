// createTestRing: a whole ring on a free random base port with temporary directories, and a teardown that removes everything.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RingdhtError } from './errors.ts';
import { createRing, type Ring, type RingOptions } from './ring.ts';

export interface TestRing {
  ring: Ring;
  basePort: number;
  /** Temporary root holding data/ (peers' files) and files/ (where store reads and request writes). */
  root: string;
  dataDir: string;
  filesDir: string;
  /** Closes the ring and removes its directories. */
  close(): Promise<void>;
}

const ATTEMPTS = 8;

/**
 * A random base port whose 256 ports sit below Linux's ephemeral range (32768 and up), so no
 * outgoing connection's local port can take a peer's port between the check and a later join.
 */
export function randomBasePort(): number {
  return 10_000 + Math.floor(Math.random() * (32_768 - 256 - 10_000));
}

export async function createTestRing(
  options: Omit<RingOptions, 'basePort' | 'dataDir' | 'filesDir'> & { filesDir?: string },
): Promise<TestRing> {
  const root = await mkdtemp(join(tmpdir(), 'ringdht-test-'));
  const dataDir = join(root, 'data');
  const filesDir = options.filesDir ?? join(root, 'files');
  for (let attempt = 1; ; attempt++) {
    const basePort = randomBasePort();
    try {
      const ring = await createRing({ ...options, basePort, dataDir, filesDir });
      return {
        ring,
        basePort,
        root,
        dataDir,
        filesDir,
        close: async () => {
          await ring.close();
          await rm(root, { recursive: true, force: true });
        },
      };
    } catch (error) {
      if (!(error instanceof RingdhtError && error.code === 'PORT_IN_USE') || attempt === ATTEMPTS) {
        await rm(root, { recursive: true, force: true });
        throw error;
      }
    }
  }
}
