#!/usr/bin/env node
// The `ringdht` command: runs the TypeScript sources through tsx (registered here, so it works from any directory).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
