// The page's files: its HTML and CSS, and its code bundled with its libraries (d3 modules), so it needs nothing from
// the network. Built, they are in dist/view/page/ (scripts/build.mjs); from the TypeScript sources the code is bundled
// here once per process with esbuild, as the actor code is (src/host/actor-worker.ts).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const RUNNING_FROM_SOURCES = import.meta.url.endsWith('.ts');
const PAGE_DIR = new URL('./page/', import.meta.url);

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'main.js': 'text/javascript; charset=utf-8',
};

let code: Promise<string> | undefined;

/** The page's code: dist/view/page/main.js, or from the sources bundled now (esbuild, a devDependency). */
function pageCode(): Promise<string> {
  code ??= RUNNING_FROM_SOURCES
    ? import('esbuild').then(async ({ build }) => {
        const result = await build(pageBuildOptions(fileURLToPath(new URL('main.ts', PAGE_DIR))));
        return result.outputFiles?.[0]?.text ?? '';
      })
    : readFile(new URL('main.js', PAGE_DIR), 'utf8');
  return code;
}

/** How the page's code is bundled (scripts/build.mjs does the same): one browser script with its libraries inlined. */
function pageBuildOptions(entry: string) {
  return {
    entryPoints: [entry],
    bundle: true,
    format: 'esm' as const,
    platform: 'browser' as const,
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'error' as const,
  };
}

/** One of the page's files by name, or undefined when there is no such file. */
export async function pageAsset(name: string): Promise<{ type: string; body: string } | undefined> {
  const type = TYPES[name];
  if (type === undefined) return undefined;
  const body = name === 'main.js' ? await pageCode() : await readFile(new URL(name, PAGE_DIR), 'utf8');
  return { type, body };
}
