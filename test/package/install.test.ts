// The package as a user gets it: `npm pack`, installed into a fresh project with production dependencies only and
// offline (from npm's cache, which the checkout's `npm ci` filled), then used from plain node, from strict TypeScript and as a command.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CliProcess, type Finished, freeBasePort, tempDir } from '../e2e/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
/** npm itself: the one running `npm test`, or the one on PATH. */
const NPM = process.env['npm_execpath'];
/** Packing and an offline install take a few seconds here; a first, cold one much longer. */
const INSTALL_TIMEOUT_MS = 180_000;
const RUN_TIMEOUT_MS = 60_000;

let dir: Awaited<ReturnType<typeof tempDir>>;
let app: string;

function run(command: string, args: string[], cwd: string, timeoutMs = RUN_TIMEOUT_MS): Promise<Finished> {
  const proc = new CliProcess(command, args, { cwd, timeoutMs });
  proc.child.stdin.end();
  return proc.exited;
}

function npm(args: string[], cwd: string): Promise<Finished> {
  return NPM === undefined || NPM === ''
    ? run('npm', args, cwd, INSTALL_TIMEOUT_MS)
    : run(process.execPath, [NPM, ...args], cwd, INSTALL_TIMEOUT_MS);
}

function ok(result: Finished, what: string): void {
  assert.equal(result.code, 0, `${what} failed\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
}

/**
 * The app's package.json (ringdht from the tarball) and a lock file holding ringdht's own locked runtime dependencies.
 * `npm install --offline <tarball>` needs the registry's metadata for every dependency, which `npm ci` never fetches
 * (it installs from the lock file's versions and integrities), so a clean CI machine's cache lacks it; a lock file
 * lets `npm ci --offline` take the very tarballs the checkout's `npm ci` just put in npm's cache.
 */
async function writeAppProject(app: string, tarball: string): Promise<void> {
  const own = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const locked = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const spec = `file:${tarball}`;
  const integrity = `sha512-${createHash('sha512')
    .update(await readFile(join(app, tarball)))
    .digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'app', dependencies: { ringdht: spec } },
    'node_modules/ringdht': {
      version: own['version'],
      resolved: spec,
      integrity,
      license: own['license'],
      dependencies: own['dependencies'],
      bin: own['bin'],
      engines: own['engines'],
    },
  };
  for (const [path, entry] of Object.entries(locked.packages))
    if (path.startsWith('node_modules/') && entry.dev !== true) packages[path] = entry;
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { ringdht: spec } }),
  );
  await writeFile(
    join(app, 'package-lock.json'),
    JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }),
  );
}

before(async () => {
  // scripts/test.mjs builds dist/ before this tier; packing must not rebuild it under the e2e tier running beside it.
  assert.ok(existsSync(join(ROOT, 'dist/index.js')), 'dist/ is missing: run `npm run build` (npm test does)');
  dir = await tempDir();
  ok(await npm(['pack', '--ignore-scripts', '--pack-destination', dir.path], ROOT), 'npm pack');
  const tarball = (await readdir(dir.path)).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball !== undefined, 'npm pack wrote no tarball');
  app = join(dir.path, 'app');
  await mkdir(app);
  await writeAppProject(app, join('..', tarball));
  ok(await npm(['ci', '--offline', '--omit=dev', '--no-audit', '--no-fund'], app), 'npm ci --offline of the tarball');
});

after(async () => {
  await dir?.remove();
});

test('the installed package holds dist, proto, init.sh, README and LICENSE, and no sources, tests or build tools', async () => {
  const installed = join(app, 'node_modules/ringdht');
  assert.deepEqual((await readdir(installed)).sort(), [
    'LICENSE',
    'README.md',
    'bin',
    'dist',
    'init.sh',
    'package.json',
    'proto',
  ]);
  for (const tool of ['tsx', 'esbuild', 'typescript']) assert.ok(!existsSync(join(app, 'node_modules', tool)), tool);
});

test("plain node: a 4-peer ring from 'ringdht' stores 200 KB at one peer, another gets the same bytes, serves its live view, and the process exits by itself", async () => {
  const ids = [2, 60, 120, 200];
  const basePort = await freeBasePort(ids);
  await writeFile(
    join(app, 'app.mjs'),
    `import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRing } from 'ringdht';

const filesDir = join(process.cwd(), 'files');
await mkdir(filesDir, { recursive: true });
const bytes = randomBytes(200_000);
await writeFile(join(filesDir, '2067.pdf'), bytes);
const ring = await createRing({ peers: ${JSON.stringify(ids)}, basePort: ${basePort}, dataDir: 'data', filesDir });
try {
  const stored = await ring.peer(200).store('2067');
  if (!stored.ok) throw new Error('store failed: ' + JSON.stringify(stored));
  const got = await ring.peer(120).request('2067');
  if (!got.ok) throw new Error('request failed: ' + JSON.stringify(got));
  const received = await readFile(join(filesDir, 'peer-120', 'received_2067.pdf'));
  console.log(received.equals(bytes) ? 'same bytes from peer ' + got.holder : 'different bytes');
  // The live view's page comes with the package, bundled: no build tool and nothing from the network needed.
  const view = await ring.serveView({ port: ${basePort} + 255 });
  const code = await fetch(view.url + 'main.js');
  console.log(code.ok && (await code.text()).length > 10_000 ? 'live view served' : 'no live view: ' + code.status);
} finally {
  await ring.close();
}
`,
  );
  const result = await run(process.execPath, ['app.mjs'], app);
  ok(result, 'node app.mjs');
  assert.match(result.stdout, /^same bytes from peer 60$/m);
  assert.match(result.stdout, /^live view served$/m);
});

test('strict TypeScript (module NodeNext, no skipLibCheck) type-checks an app using the exported types; test hooks only from ringdht/testing', async () => {
  await writeFile(
    join(app, 'app.ts'),
    `import { createRing, RingdhtError, type CommandResult, type Ring, type RingEvent, type RingOptions } from 'ringdht';
import { createTestRing, heapAfterGc, injectFault, type TestRing } from 'ringdht/testing';

const options: RingOptions = { peers: [1, 50, { id: 100, successors: [1, 50] }], basePort: 20000, pingIntervalMs: 500 };
const ring: Ring = await createRing(options);
ring.on((event: RingEvent) => console.log(event.kind));
const result: CommandResult = await ring.peer(1).request('2067');
const hops: number | undefined = result.ok ? result.hops : undefined;
console.log(hops, new RingdhtError('TIMEOUT', 'late').code);
// @ts-expect-error fault injection is not in the main entry's types
await ring.injectFault(1, 'a bug');
await injectFault(ring, 1, 'a bug');
const heapBytes: number = await heapAfterGc(ring, 1);
const t: TestRing = await createTestRing({ peers: [1, 2] });
await t.close();
console.log(heapBytes);
await ring.close();
`,
  );
  await writeFile(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        // @types/node is the app's own choice (not a dependency of ringdht): the checkout's.
        typeRoots: [join(ROOT, 'node_modules/@types')],
        types: ['node'],
      },
      files: ['app.ts'],
    }),
  );
  ok(await run(process.execPath, [TSC, '-p', 'tsconfig.json'], app), 'tsc --noEmit');
});

test('node_modules/.bin/ringdht: --version, and a scripted ring session that stores and requests', async () => {
  const bin = join(app, 'node_modules/.bin/ringdht');
  const version = await run(bin, ['--version'], app);
  ok(version, 'ringdht --version');
  assert.match(version.stdout, /^\d+\.\d+\.\d+\s*$/);

  const session = join(app, 'session');
  await mkdir(session);
  await writeFile(join(session, 'session.txt'), '@1 store 0100 payload.bin\n@50 request 0100\nstatus\n');
  await writeFile(join(session, 'payload.bin'), 'from the package');
  const basePort = await freeBasePort([1, 50, 100]);
  const ring = await run(
    bin,
    ['ring', '--peers', '1,50,100', '--script', 'session.txt', '--base-port', `${basePort}`],
    session,
  );
  ok(ring, 'ringdht ring --script');
  assert.ok(ring.stdout.includes('[peer 50] File 0100 received'), ring.stdout);
});
