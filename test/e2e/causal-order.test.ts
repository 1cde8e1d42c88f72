// The ring process itself (`ringdht ring`, a scripted session): 100 requests on the 7-peer example ring with pings
// every 200 ms, printed as text and as JSON, every route in hop order and no line before its cause.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { causalViolations, parseJson, parseText, routesOf } from '../lib/causal-order.ts';
import { freeBasePort, runCli, tempDir } from './cli.ts';

const IDS = [2, 4, 5, 8, 9, 14, 19];
const NAMES = Array.from({ length: 100 }, (_, i) => String(1000 + i * 37));

for (const json of [false, true]) {
  test(`ringdht ring${json ? ' --json' : ''}: 100 stores and 100 requests from every peer, printed in causal order`, async () => {
    const dir = await tempDir();
    try {
      for (const name of NAMES) await writeFile(join(dir.path, name), `bytes of ${name}`);
      const origins = { stores: new Map<string, number>(), requests: new Map<string, number>() };
      const script: string[] = [];
      for (const [i, name] of NAMES.entries()) {
        origins.stores.set(name, IDS[i % IDS.length]!);
        script.push(`@${IDS[i % IDS.length]} store ${name}`);
      }
      for (const [i, name] of NAMES.entries()) {
        origins.requests.set(name, IDS[(i * 3) % IDS.length]!);
        script.push(`@${IDS[(i * 3) % IDS.length]} request ${name}`);
      }
      const base = await freeBasePort(IDS);
      // Frequent pings run between the commands; every command must succeed, so a hop and a holder's confirmation get
      // 5 s (the 0.5 s a 0.2 s ping interval gives failed stores under load: 'did not confirm its copies within 0.751 s').
      const args = [
        'ring',
        '--peers',
        IDS.join(','),
        '--base-port',
        String(base),
        '--ping-interval',
        '0.2',
        '--hop-timeout',
        '5',
      ];
      const { code, stdout, stderr } = await runCli(json ? [...args, '--json'] : args, {
        cwd: dir.path,
        input: `${script.join('\n')}\n`,
        timeoutMs: 120_000,
      });
      assert.equal(code, 0, stderr);
      const lines = stdout.split('\n').filter((l) => l !== '');
      const printed = json ? parseJson(lines).printed : parseText(lines, IDS);
      assert.deepEqual(causalViolations(printed, origins).slice(0, 10), []);
      const routes = routesOf(printed, 'request');
      for (const name of NAMES) assert.equal(routes.get(name)?.[0]?.peer, origins.requests.get(name), name);
      if (json) {
        const { t, printed: all } = parseJson(lines);
        assert.deepEqual(
          t.flatMap((v, i) => (i > 0 && v <= t[i - 1]! ? [i] : [])).slice(0, 5),
          [],
          't increases line after line',
        );
        // Every command's command.done comes after its own lines (the checks above) and in the order they ran.
        const done = all.filter((p) => p.event === 'command.done').map((p) => p.command);
        assert.deepEqual(
          done,
          script.map((line) => line.replace(/^@\d+ /, '')),
        );
      }
      assert.ok(printed.filter((p) => p.event === 'ping.received').length > IDS.length, 'pings ran in between');
    } finally {
      await dir.remove();
    }
  });
}
