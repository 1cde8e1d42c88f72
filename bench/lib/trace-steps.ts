// The steps a traced ring's threads wrote (RINGDHT_TRACE, src/actor/trace.ts), read back by the timeline scripts.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceStep } from '../../src/actor/trace.ts';

/** Every step in `dir`'s files (one JSON object a line, a file per thread), in time order; the directory is removed. */
export function takeTraceSteps(dir: string): TraceStep[] {
  const steps: TraceStep[] = [];
  for (const file of readdirSync(dir))
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n'))
      if (line !== '') steps.push(JSON.parse(line) as TraceStep);
  rmSync(dir, { recursive: true, force: true });
  return steps.sort((x, y) => x.t - y.t);
}
