// Runs seeds of the simulator's test families and prints those that break an invariant (one line each, with the
// command that reproduces it), and those where a request failed while a holder the requester could reach had the file
// (issue 19's target), then a count per family (with the departures a peer that listed the leaver never said). `node --import tsx scripts/sim-seeds.ts [FROM] [TO] [FAMILY...]`
// (seeds 1 to 100 of every family by default). Exits 1 when any seed fails.
import { PASSING_FAMILIES, scenario, type Family } from '../src/sim/families.ts';
import { runScenario } from '../src/sim/scenario.ts';

const [fromArg, toArg, ...named] = process.argv.slice(2);
const from = Number(fromArg ?? 1);
const to = Number(toArg ?? 100);
const families = named.length > 0 ? (named as Family[]) : PASSING_FAMILIES;
let failures = 0;
for (const family of families) {
  if (!PASSING_FAMILIES.includes(family)) throw new Error(`no family ${family} (${PASSING_FAMILIES.join(', ')})`);
  const started = Date.now();
  let failed = 0;
  const held = { reachable: 0, unreachable: 0 };
  let untold = 0;
  for (let seed = from; seed <= to; seed++) {
    const summary = runScenario(scenario(family, seed));
    held.reachable += summary.failedWithHolder.reachable;
    held.unreachable += summary.failedWithHolder.unreachable;
    untold += summary.membership.untoldDepartures;
    if (summary.membership.untoldDepartures > 0)
      console.log(
        `${family} ${seed}: departures a listing peer did not say: ${summary.membership.untoldDepartures}\n  node --import tsx src/cli.ts sim --family ${family} --seed ${seed}`,
      );
    for (const note of summary.failedWithHolder.notes)
      console.log(`${family} ${seed}: failed with a reachable holder: ${note}`);
    for (const v of summary.violations) {
      failed++;
      console.log(`${family} ${seed}: ${v.invariant}: ${v.message.slice(0, 300)}`);
      console.log(`  node --import tsx src/cli.ts sim --family ${family} --seed ${seed}`);
    }
  }
  failures += failed;
  console.log(
    `${family}: ${failed} of ${to - from + 1} seeds failed; requests failed with a reachable holder ${held.reachable}, with holders down or cut off ${held.unreachable}; departures a listing peer did not say ${untold} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}
process.exitCode = failures > 0 ? 1 : 0;
