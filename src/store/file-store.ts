// The files a peer holds under its data directory: data in files/<name>, metadata in meta/<name>.json, both written atomically.
import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { lstat, open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AtomicFileWriter, makeDirectory, syncDirectory, unlinkIfPresent } from './atomic-file.ts';
import { readSmallFileSync } from './small-file.ts';

export interface StoredFile {
  name: string;
  sizeBytes: number;
  /** Hex. */
  sha256: string;
}

/** Where a stored file's bytes go while it arrives; commit() makes it part of the store. */
export interface StoreWriter {
  write(chunk: Uint8Array): Promise<void>;
  commit(expectedSha256?: Uint8Array): Promise<void>;
  abort(): Promise<void>;
  readonly bytesWritten: number;
}

export class InvalidFileNameError extends Error {
  readonly code = 'INVALID_FILE_NAME';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFileNameError';
  }
}

/** Names come from the network, so only plain file names of at most this many UTF-8 bytes (NAME_MAX) are stored. */
export const MAX_FILE_NAME_BYTES = 255;
/** Metadata is a few hundred bytes; anything much larger is not ours. */
const MAX_META_BYTES = 4096;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Why `name` cannot be stored, or undefined when it can. */
export function storeNameProblem(name: string): string | undefined {
  const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name);
  if (name.length === 0) return 'a file name cannot be empty';
  if (name === '.' || name === '..') return `file name ${shown} is not a plain file name`;
  if (/[/\\]/.test(name)) return `file name ${shown} contains a path separator ('/' or '\\')`;
  if (/\p{Cc}/u.test(name)) return `file name ${shown} contains a control character`;
  if (/\p{Cs}/u.test(name)) return `file name ${shown} is not valid Unicode (a lone surrogate)`;
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_FILE_NAME_BYTES) return `file name ${shown} is ${bytes} bytes long, over the ${MAX_FILE_NAME_BYTES}-byte limit`;
  return undefined;
}

function checkName(name: string): void {
  const problem = storeNameProblem(name);
  if (problem !== undefined) throw new InvalidFileNameError(problem);
}

/** `<name>.json`, or `<sha256 of name>.json` when that would be longer than a file name may be. */
function metaFileName(name: string): string {
  const plain = `${name}.json`;
  return Buffer.byteLength(plain) <= MAX_FILE_NAME_BYTES ? plain : `${createHash('sha256').update(name).digest('hex')}.json`;
}

export class FileStore {
  private readonly index = new Map<string, StoredFile>();
  /** Files whose metadata was sound but whose data was missing or of the wrong size when the store opened: dropped. */
  readonly damaged: string[] = [];
  /** Per name, the tail of a chain: installs, removals and verifications of one name never interleave. */
  private readonly locks = new Map<string, Promise<void>>();
  private readonly filesDir: string;
  private readonly metaDir: string;

  private constructor(readonly dir: string) {
    this.filesDir = join(dir, 'files');
    this.metaDir = join(dir, 'meta');
  }

  /** mkdir -p; deletes leftover temporary files; indexes every file with valid metadata whose data file has the recorded size. */
  static async open(dir: string): Promise<FileStore> {
    const store = new FileStore(resolve(dir));
    await makeDirectory(store.filesDir);
    await makeDirectory(store.metaDir);
    await store.load();
    return store;
  }

  names(): string[] {
    return [...this.index.keys()].sort();
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  get(name: string): StoredFile | undefined {
    const file = this.index.get(name);
    return file === undefined ? undefined : { ...file };
  }

  /** The data file's path. Throws InvalidFileNameError for a name that is not a plain file name. */
  pathOf(name: string): string {
    checkName(name);
    return join(this.filesDir, name);
  }

  /** A writer whose commit() also writes the metadata atomically and adds the file to the index; replaces an earlier copy. */
  async writer(name: string): Promise<StoreWriter> {
    const data = await AtomicFileWriter.open(this.pathOf(name));
    return {
      write: (chunk) => data.write(chunk),
      get bytesWritten() {
        return data.bytesWritten;
      },
      abort: () => data.abort(),
      commit: async (expectedSha256) => {
        // The metadata is written beside the data and both are fsynced at once, then renamed, then both
        // directories fsynced at once: two waits on the disk instead of four.
        let meta: AtomicFileWriter | undefined;
        let file: StoredFile;
        try {
          await data.drained();
          file = { name, sizeBytes: data.bytesWritten, sha256: data.sha256().toString('hex') };
          const metaWriter = (meta = await AtomicFileWriter.open(join(this.metaDir, metaFileName(name))));
          // The digest is checked before the copy already stored is touched: a bad transfer keeps the old copy.
          await Promise.all([data.seal(expectedSha256), metaWriter.write(Buffer.from(JSON.stringify(file))).then(() => metaWriter.seal())]);
        } catch (error) {
          await Promise.all([data.abort(), meta?.abort()]);
          throw error;
        }
        await this.exclusive(name, () => this.install(file, data, meta!));
      },
    };
  }

  /** Re-reads the data and compares size and digest with the metadata. False for a file not held. */
  async verify(name: string): Promise<boolean> {
    checkName(name);
    return this.exclusive(name, async () => {
      const file = this.index.get(name);
      if (file === undefined) return false;
      const hash = createHash('sha256');
      let sizeBytes = 0;
      try {
        for await (const chunk of createReadStream(this.pathOf(name))) {
          hash.update(chunk as Buffer);
          sizeBytes += (chunk as Buffer).length;
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      return sizeBytes === file.sizeBytes && hash.digest('hex') === file.sha256;
    });
  }

  /**
   * The file and an open handle on its data, taken while no install or removal of the name is under
   * way: the handle keeps reading these bytes even if a newer copy replaces them meanwhile. The caller
   * closes it. Undefined for a file not held.
   */
  async openForReading(name: string): Promise<{ file: StoredFile; handle: FileHandle } | undefined> {
    checkName(name);
    return this.exclusive(name, async () => {
      const file = this.index.get(name);
      return file === undefined ? undefined : { file: { ...file }, handle: await open(this.pathOf(name), 'r') };
    });
  }

  /**
   * A held file of at most `maxBytes`, read whole under the file's lock (so never mixed with a newer copy), or
   * undefined for a file not held or a larger one. The bytes are as found on disk: check them against the sha256.
   */
  async readSmall(name: string, maxBytes: number): Promise<{ file: StoredFile; data: Buffer } | undefined> {
    checkName(name);
    return this.exclusive(name, async () => {
      const file = this.index.get(name);
      if (file === undefined || file.sizeBytes > maxBytes) return undefined;
      return { file: { ...file }, data: readSmallFileSync(this.pathOf(name), file.sizeBytes) };
    });
  }

  /** Deletes the file only if it is still the copy with this sha256 (a newer one may have replaced it); says whether it did. */
  async removeIf(name: string, sha256: string): Promise<boolean> {
    checkName(name);
    return this.exclusive(name, async () => {
      if (this.index.get(name)?.sha256 !== sha256) return false;
      this.index.delete(name);
      await unlinkIfPresent(join(this.metaDir, metaFileName(name)));
      await unlinkIfPresent(this.pathOf(name));
      return true;
    });
  }

  /** Forgets the file and deletes it; a name not held is fine. */
  async remove(name: string): Promise<void> {
    checkName(name);
    await this.exclusive(name, async () => {
      this.index.delete(name);
      // Metadata first: a crash in between leaves data without metadata, which open() drops.
      await unlinkIfPresent(join(this.metaDir, metaFileName(name)));
      await unlinkIfPresent(this.pathOf(name));
    });
  }

  /**
   * Puts sealed data and its sealed metadata in place. The old metadata goes first, so a crash never
   * pairs it with new data; a crash between the two renames leaves one without the other, which
   * open() drops (and reports as damaged, so a replica brings it back).
   */
  private async install(file: StoredFile, data: AtomicFileWriter, meta: AtomicFileWriter): Promise<void> {
    const { name } = file;
    this.index.delete(name);
    try {
      if (await unlinkIfPresent(meta.finalPath)) await syncDirectory(this.metaDir);
      await data.publish({ syncDirectory: false });
      await meta.publish({ syncDirectory: false });
      await Promise.all([syncDirectory(this.filesDir), syncDirectory(this.metaDir)]);
    } catch (error) {
      await Promise.all([data.abort(), meta.abort()]);
      await unlinkIfPresent(meta.finalPath).catch(() => {});
      await unlinkIfPresent(this.pathOf(name)).catch(() => {});
      throw error;
    }
    this.index.set(name, file);
  }

  private async load(): Promise<void> {
    for (const entry of await readdir(this.metaDir)) {
      const file = entry.endsWith('.json') ? await this.readMeta(entry) : undefined;
      if (file !== undefined) this.index.set(file.name, file);
      else await removeIfNotDirectory(join(this.metaDir, entry));
    }
    // Whatever is not indexed now is a leftover temporary file, or data whose metadata never made it (or was bad).
    for (const entry of await readdir(this.filesDir)) {
      if (!this.index.has(entry)) await removeIfNotDirectory(join(this.filesDir, entry));
    }
  }

  /** The file a metadata file describes, when it is well formed and its data file is there with the recorded size. */
  private async readMeta(entry: string): Promise<StoredFile | undefined> {
    const path = join(this.metaDir, entry);
    const info = await lstat(path);
    if (!info.isFile() || info.size > MAX_META_BYTES) return undefined;
    let meta: Partial<StoredFile>;
    try {
      meta = JSON.parse(await readFile(path, 'utf8')) as Partial<StoredFile>;
    } catch {
      return undefined;
    }
    const { name, sizeBytes, sha256 } = meta ?? {};
    if (typeof name !== 'string' || storeNameProblem(name) !== undefined || metaFileName(name) !== entry) return undefined;
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes! < 0 || typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) return undefined;
    const data = await lstatIfPresent(join(this.filesDir, name));
    if (data === undefined || !data.isFile() || data.size !== sizeBytes) {
      this.damaged.push(name);
      return undefined;
    }
    return { name, sizeBytes: sizeBytes!, sha256 };
  }

  private exclusive<T>(name: string, step: () => Promise<T>): Promise<T> {
    const result = (this.locks.get(name) ?? Promise.resolve()).then(step);
    const tail = result.then(() => {}, () => {});
    this.locks.set(name, tail);
    void tail.then(() => {
      if (this.locks.get(name) === tail) this.locks.delete(name);
    });
    return result;
  }
}

async function lstatIfPresent(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function removeIfNotDirectory(path: string): Promise<void> {
  const info = await lstatIfPresent(path);
  if (info !== undefined && !info.isDirectory()) await unlinkIfPresent(path);
}
