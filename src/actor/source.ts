// Finds the bytes `store NAME [PATH]` sends (SPEC.md section 3): PATH, else NAME.pdf or NAME in the files directory, else an empty record.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface Source {
  path: string | null;
  sizeBytes: number;
  /** Said to the user when there is no file and an empty record is stored. */
  notice?: string;
}

async function regularFile(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

export async function resolveSource(
  name: string,
  path: string | undefined,
  limits: { filesDir: string; maxFileBytes: number },
): Promise<Source> {
  let found: { path: string; sizeBytes: number } | undefined;
  if (path !== undefined) {
    const full = resolve(limits.filesDir, path);
    const size = await regularFile(full);
    if (size === undefined) throw new Error(`cannot store ${name}: no readable file at ${full}`);
    found = { path: full, sizeBytes: size };
  } else {
    for (const candidate of [`${name}.pdf`, name]) {
      const full = join(limits.filesDir, candidate);
      const size = await regularFile(full);
      if (size !== undefined) {
        found = { path: full, sizeBytes: size };
        break;
      }
    }
  }
  if (found === undefined) {
    return {
      path: null,
      sizeBytes: 0,
      notice: `No file ${name}.pdf or ${name} in ${limits.filesDir}: storing an empty record for ${name}`,
    };
  }
  if (found.sizeBytes > limits.maxFileBytes) {
    throw new Error(
      `cannot store ${name}: ${found.path} is ${found.sizeBytes} bytes, over the limit of ${limits.maxFileBytes} bytes (--max-file-size)`,
    );
  }
  return found;
}
