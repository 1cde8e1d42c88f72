// Figure fuzz: 1,000,000 hostile datagrams and 20,000 hostile TCP connections at one live peer (a fifth of that in quick
// mode; test/integration/volume runs a tenth): how fast a peer reads and drops them, how many the kernel dropped
// first, and its heap afterwards.
import { encodeEnvelope } from '../../src/wire/codec.ts';
import { EdgeCodec } from '../../src/wire/edge.ts';
import { floodPeer, hostilePayloads } from '../../test/lib/hostile-load.ts';
import { type Context, type Figure, type Mode, valueRow } from '../lib/figure.ts';
import { bundledRingdht } from '../lib/ringdht.ts';

const DATAGRAMS: Record<Mode, number> = { quick: 200_000, full: 1_000_000 };
const CONNECTIONS: Record<Mode, number> = { quick: 4_000, full: 20_000 };
const SECRET = Buffer.from('the benchmark ring secret, 32 bytes or more');
const MB = 1e6;

export const fuzz: Figure = {
  name: 'fuzz',
  title: 'hostile traffic at one peer: random and mutated datagrams, then hostile connections',
  seconds: (mode) => (mode === 'quick' ? 15 : 70),
  async run(ctx: Context) {
    const datagrams = DATAGRAMS[ctx.mode];
    const connections = CONNECTIONS[ctx.mode];
    const { createTestRing } = await bundledRingdht();
    for (const [i, sealed] of [true, false].entries()) {
      const tag = sealed ? 'sealed' : 'plain';
      const t = await createTestRing({
        peers: [3, 6, 9],
        pingIntervalMs: 3_600_000,
        ...(sealed ? { secret: SECRET } : {}),
      });
      let crashes = 0;
      t.ring.on((e) => {
        if (e.kind === 'crashed') crashes++;
      });
      try {
        const sender = new EdgeCodec({
          self: 3,
          limits: { idBits: 8, maxFileBytes: 1 << 26, maxChunkBytes: 1 << 18 },
          secret: SECRET,
          replayWindowMs: 30_000,
          nonceCacheEntries: 16,
        });
        const payloads = hostilePayloads(
          sealed ? (body) => sender.encode(6, body) : (body) => encodeEnvelope(3, body),
          Math.floor(ctx.random() * 2 ** 31),
        );
        ctx.progress(i / 2, `${tag}: ${datagrams} datagrams, then ${connections} connections`);
        const peer = {
          status: () => t.ring.peer(6).status(),
          heapAfterGc: () => t.ring.heapAfterGc(6),
          port: t.basePort + 6,
        };
        const {
          read,
          after: status,
          heapBefore,
          heapAfter,
          udpSeconds: udpS,
          tcpSeconds: tcpS,
        } = await floodPeer(peer, payloads, { datagrams, connections });
        const dropped = Object.values(status.dropped).reduce((a, b) => a + b, 0);
        const row = (what: string, label: string, value: number, unit: string) =>
          ctx.record(
            valueRow({ figure: 'fuzz', name: `fuzz.${tag}.${what}`, label: `${label} (${tag} ring)`, value, unit }),
          );
        row('udp.rate', 'datagrams read and dropped per second, paced by the peer', read / udpS, 'datagrams/s');
        row(
          'udp.read',
          `datagrams the peer read of ${datagrams.toLocaleString('en')} sent (the kernel dropped the rest)`,
          (read / datagrams) * 100,
          '%',
        );
        row(
          'tcp.rate',
          `hostile connections opened, written and closed per second (${connections.toLocaleString('en')}, 50 at a time)`,
          connections / tcpS,
          'connections/s',
        );
        row('dropped', 'datagrams and frames dropped, each counted by reason', dropped, 'messages');
        row('heap.before', "the peer's thread heap after a full GC, before", heapBefore / MB, 'MB');
        row('heap.after', "the peer's thread heap after a full GC, after", heapAfter / MB, 'MB');
        if (crashes > 0) ctx.problem(`${crashes} peers crashed under the ${tag} flood`);
        const stored = await t.ring.peer(3).store('0005', { empty: true });
        const got = stored.ok ? await t.ring.peer(9).request('0005') : stored;
        if (!got.ok)
          ctx.note(
            `After the ${tag} flood, a store and request failed: ${got.error}${sealed ? '' : ' (without a secret, mutated messages can be valid membership messages: joins of peers that do not exist)'}`,
          );
      } finally {
        await t.close();
      }
    }
    ctx.note(
      "Payloads: half random bytes (1-200 B), half valid messages of every kind (fast-check) with 1-3 random edits; sealed with the ring secret for the sealed ring. Datagrams go out 250 at a time, each batch once the peer is at most one batch behind (or stopped reading: the kernel dropped the rest), so the rate is the peer's, not the sender's.",
    );
    ctx.note(
      "Heap: the V8 heap of the peer's worker thread after a forced full GC, before and after the flood: what stays after it is what a flood leaks.",
    );
  },
};
