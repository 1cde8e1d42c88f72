#!/usr/bin/env node
// The `ringdht` command: the built JavaScript in dist/ (`npm run build`, run by `npm ci` and `npm pack`), with plain node.
// From the TypeScript sources, without a build: `npx tsx src/cli.ts ...`.
await import('../dist/cli.js');
