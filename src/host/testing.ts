// createTestRing: a whole ring on a free random base port (any free port per peer above 8 bits) with temporary
// directories, and a teardown that removes everything.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RingdhtError } from './errors.ts';
import { createRing, type Ring, type RingOptions } from './ring.ts';

export interface TestRing {
  ring: Ring;
  /** 0 above 8 bits: every peer took a free port of its own (see its status' address). */
  basePort: number;
  /** Temporary root holding data/ (peers' files) and files/ (where store reads and request writes). */
  root: string;
  dataDir: string;
  filesDir: string;
  /** Closes the ring and removes its directories. */
  close(): Promise<void>;
}

const ATTEMPTS = 8;

/** The ports test rings may use by default: below Linux's ephemeral range (32768 and up). */
export const TEST_PORTS_DEFAULT = { low: 10_000, high: 32_767 };
/** A base port takes this many ports after it (ids 0 to 255 of an 8-bit ring). */
const PORTS_PER_RING = 256;

/**
 * The ports test rings may use: RINGDHT_TEST_PORTS=LOW-HIGH (at least 256 of them), else 10000-32767, so no
 * outgoing connection's local port can take a peer's port between the check and a later join. Throws one sentence
 * for a range that cannot be used.
 */
export function testPortRange(env: NodeJS.ProcessEnv = process.env): { low: number; high: number } {
  const text = env.RINGDHT_TEST_PORTS;
  if (text === undefined || text.trim() === '') return TEST_PORTS_DEFAULT;
  const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  const [low, high] = [Number(match?.[1]), Number(match?.[2])];
  if (match === null || low < 1 || high > 65_535 || high - low + 1 < PORTS_PER_RING)
    throw new Error(
      `RINGDHT_TEST_PORTS="${text}" is not a port range: write LOW-HIGH, 1 to 65535, at least ${PORTS_PER_RING} ports (e.g. 20000-29999)`,
    );
  return { low, high };
}

/**
 * A random base port whose 256 ports lie within the test port range (RINGDHT_TEST_PORTS): inside a block of the range
 * this process holds alone while one is free (so test files run side by side never pick the same ports between one's
 * check and its listen), else anywhere in the range.
 */
export function randomBasePort(env: NodeJS.ProcessEnv = process.env): number {
  const { low, high } = testPortRange(env);
  const block = defaultBlocks.claim(low, high);
  if (block === undefined) return low + Math.floor(Math.random() * (high - low + 1 - PORTS_PER_RING + 1));
  return block + Math.floor(Math.random() * (PORT_BLOCK - PORTS_PER_RING + 1));
}

/** Ports a process claims at once: blocks aligned to this size, so processes with different ranges still agree. */
export const PORT_BLOCK = 1024;

/**
 * Blocks of ports claimed across processes by lock files (`<dir>/<first port>` holding the claimer's pid), each
 * released when its process exits; a lock whose process is gone is taken over.
 */
export class PortBlocks {
  readonly #claimed = new Map<string, number | undefined>();

  constructor(readonly dir: string) {}

  /** This process's block within LOW-HIGH (the same one on every call), or undefined when every block is held. */
  claim(low: number, high: number): number | undefined {
    const range = `${low}-${high}`;
    if (!this.#claimed.has(range)) this.#claimed.set(range, this.#take(low, high));
    return this.#claimed.get(range);
  }

  #take(low: number, high: number): number | undefined {
    mkdirSync(this.dir, { recursive: true });
    for (let first = Math.ceil(low / PORT_BLOCK) * PORT_BLOCK; first + PORT_BLOCK - 1 <= high; first += PORT_BLOCK) {
      const lock = join(this.dir, String(first));
      if (!this.#lock(lock) && !(holderGone(lock) && this.#lock(lock))) continue;
      process.once('exit', () => rmSync(lock, { force: true }));
      return first;
    }
    return undefined;
  }

  #lock(path: string): boolean {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }
}

/** Whether the process named in the lock file `path` has exited (the lock then removed), so the block is free. */
function holderGone(path: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path, 'utf8'));
  } catch {
    return true;
  }
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH' && Number.isInteger(pid) && pid > 0) return false;
    rmSync(path, { force: true });
    return true;
  }
}

const defaultBlocks = new PortBlocks(join(tmpdir(), 'ringdht-test-ports'));

export async function createTestRing(
  options: Omit<RingOptions, 'basePort' | 'dataDir' | 'filesDir'> & { filesDir?: string },
): Promise<TestRing> {
  const root = await mkdtemp(join(tmpdir(), 'ringdht-test-'));
  const dataDir = join(root, 'data');
  const filesDir = options.filesDir ?? join(root, 'files');
  // Ids wider than 8 bits do not fix ports: each peer takes any free port (base port 0), and nothing can collide.
  const wide = (options.idBits ?? 8) > 8;
  for (let attempt = 1; ; attempt++) {
    const basePort = wide ? 0 : randomBasePort();
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
