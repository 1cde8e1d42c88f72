// Table tests of the REPL command parser: accepted lines with their parse, rejected lines with their message.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { helpText, parseLine, parsePeerId, type ParseContext, type ParsedLine } from '../../src/repl/commands.ts';

const RING: ParseContext = { ring: true, idBits: 8 };
const ONE: ParseContext = { ring: false, idBits: 8 };

const empty: ParsedLine = { kind: 'empty' };

/** Lines that parse the same in both kinds of process. */
const acceptedBoth: [string, ParsedLine][] = [
  ['', empty],
  ['   \t ', empty],
  ['# a comment', empty],
  ['   #indented comment', empty],
  ['#', empty],
  ['\r', empty],
  ['store 2067', { kind: 'command', command: { kind: 'store', name: '2067' }, text: 'store 2067' }],
  ['Store 2067', { kind: 'command', command: { kind: 'store', name: '2067' }, text: 'store 2067' }],
  ['store report.pdf', { kind: 'command', command: { kind: 'store', name: 'report.pdf' }, text: 'store report.pdf' }],
  ['store 12345', { kind: 'command', command: { kind: 'store', name: '12345' }, text: 'store 12345' }],
  ['request Zoë.txt', { kind: 'command', command: { kind: 'request', name: 'Zoë.txt' }, text: 'request Zoë.txt' }],
  ['  STORE    0000  ', { kind: 'command', command: { kind: 'store', name: '0000' }, text: 'store 0000' }],
  ['store 2067 # why', { kind: 'command', command: { kind: 'store', name: '2067' }, text: 'store 2067' }],
  ['store 2067\r', { kind: 'command', command: { kind: 'store', name: '2067' }, text: 'store 2067' }],
  // An empty record only on purpose.
  [
    'store 1234 --empty',
    { kind: 'command', command: { kind: 'store', name: '1234', empty: true }, text: 'store 1234 --empty' },
  ],
  [
    'Store 1234 --EMPTY # on purpose',
    { kind: 'command', command: { kind: 'store', name: '1234', empty: true }, text: 'store 1234 --empty' },
  ],
  [
    'store\t9999\tdocs/a.pdf',
    { kind: 'command', command: { kind: 'store', name: '9999', path: 'docs/a.pdf' }, text: 'store 9999 docs/a.pdf' },
  ],
  [
    'store 2067   /tmp/my  files/a.pdf   ',
    {
      kind: 'command',
      command: { kind: 'store', name: '2067', path: '/tmp/my  files/a.pdf' },
      text: 'store 2067 /tmp/my  files/a.pdf',
    },
  ],
  [
    'store 2067 file#1.pdf # the first',
    { kind: 'command', command: { kind: 'store', name: '2067', path: 'file#1.pdf' }, text: 'store 2067 file#1.pdf' },
  ],
  ['request 4103', { kind: 'command', command: { kind: 'request', name: '4103' }, text: 'request 4103' }],
  ['REQUEST 4103 #later', { kind: 'command', command: { kind: 'request', name: '4103' }, text: 'request 4103' }],
  ['quit', { kind: 'command', command: { kind: 'quit' }, text: 'quit' }],
  ['Quit # bye', { kind: 'command', command: { kind: 'quit' }, text: 'quit' }],
  ['status', { kind: 'command', command: { kind: 'status' }, text: 'status' }],
  ['STATS', { kind: 'command', command: { kind: 'stats' }, text: 'stats' }],
  ['stats ALL', { kind: 'command', command: { kind: 'stats', all: true }, text: 'stats all' }],
  ['pings changes', { kind: 'command', command: { kind: 'pings', mode: 'changes' }, text: 'pings changes' }],
  ['Pings OFF # quiet', { kind: 'command', command: { kind: 'pings', mode: 'off' }, text: 'pings off' }],
  ['pings on', { kind: 'command', command: { kind: 'pings', mode: 'on' }, text: 'pings on' }],
  ['HELP', { kind: 'command', command: { kind: 'help' }, text: 'help' }],
  ['exit', { kind: 'command', command: { kind: 'exit' }, text: 'exit' }],
  ['sleep 0', { kind: 'command', command: { kind: 'sleep', seconds: 0 }, text: 'sleep 0' }],
  ['sleep 0.2', { kind: 'command', command: { kind: 'sleep', seconds: 0.2 }, text: 'sleep 0.2' }],
  ['Sleep .5', { kind: 'command', command: { kind: 'sleep', seconds: 0.5 }, text: 'sleep 0.5' }],
  ['sleep 2.', { kind: 'command', command: { kind: 'sleep', seconds: 2 }, text: 'sleep 2' }],
  ['sleep 3600', { kind: 'command', command: { kind: 'sleep', seconds: 3600 }, text: 'sleep 3600' }],
  ['sleep 007', { kind: 'command', command: { kind: 'sleep', seconds: 7 }, text: 'sleep 7' }],
];

/** Lines that parse only in a ring process. */
const acceptedRing: [string, ParsedLine][] = [
  ['use 9', { kind: 'command', command: { kind: 'use', peer: 9 }, text: 'use 9' }],
  ['USE 0', { kind: 'command', command: { kind: 'use', peer: 0 }, text: 'use 0' }],
  ['use 255', { kind: 'command', command: { kind: 'use', peer: 255 }, text: 'use 255' }],
  ['use 007', { kind: 'command', command: { kind: 'use', peer: 7 }, text: 'use 7' }],
  ['kill 14', { kind: 'command', command: { kind: 'kill', peer: 14 }, text: 'kill 14' }],
  ['Kill 14 # abrupt', { kind: 'command', command: { kind: 'kill', peer: 14 }, text: 'kill 14' }],
  ['join 15', { kind: 'command', command: { kind: 'join', peer: 15 }, text: 'join 15' }],
  ['join 15 via 4', { kind: 'command', command: { kind: 'join', peer: 15, via: 4 }, text: 'join 15 via 4' }],
  ['JOIN 15 VIA 4', { kind: 'command', command: { kind: 'join', peer: 15, via: 4 }, text: 'join 15 via 4' }],
  [
    'join 15 via 4@10.0.0.2',
    {
      kind: 'command',
      command: { kind: 'join', peer: 15, via: { id: 4, host: '10.0.0.2' } },
      text: 'join 15 via 4@10.0.0.2',
    },
  ],
  [
    'join 15 via 4@h2.example:13004',
    {
      kind: 'command',
      command: { kind: 'join', peer: 15, via: { id: 4, host: 'h2.example', port: 13004 } },
      text: 'join 15 via 4@h2.example:13004',
    },
  ],
  ['@9 store 2067', { kind: 'command', target: 9, command: { kind: 'store', name: '2067' }, text: 'store 2067' }],
  [
    '  @9   Store 2067 a b.pdf # x',
    {
      kind: 'command',
      target: 9,
      command: { kind: 'store', name: '2067', path: 'a b.pdf' },
      text: 'store 2067 a b.pdf',
    },
  ],
  ['@2 request 4103', { kind: 'command', target: 2, command: { kind: 'request', name: '4103' }, text: 'request 4103' }],
  ['@0 status', { kind: 'command', target: 0, command: { kind: 'status' }, text: 'status' }],
  ['@4 stats', { kind: 'command', target: 4, command: { kind: 'stats' }, text: 'stats' }],
  ['@255 QUIT', { kind: 'command', target: 255, command: { kind: 'quit' }, text: 'quit' }],
  ['@09 quit', { kind: 'command', target: 9, command: { kind: 'quit' }, text: 'quit' }],
];

/** Lines refused in both kinds of process, with a part of their message. */
const rejectedBoth: [string, string][] = [
  ['frob', 'unknown command "frob": type help for the list'],
  ['Frob 1 2', 'unknown command "Frob": type help for the list'],
  ['store', 'store needs a file name: store <NAME> [PATH]'],
  ['store # no name', 'store needs a file name'],
  ['store 1234 a.pdf --empty', 'store 1234 --empty stores an empty record and takes no PATH'],
  ['store a/b', 'file name "a/b" is not valid: it contains a path separator'],
  ['store ..', 'file name ".." is not valid: it is not a plain file name'],
  ['store a\\b', 'file name "a\\\\b" is not valid'],
  [`store ${'x'.repeat(256)}`, 'is 256 bytes long, over the 255-byte limit'],
  ['request', 'request needs a file name: request <NAME>'],
  ['request 4103 4104', 'request takes one file name, got 2'],
  ['request .', 'file name "." is not valid'],
  ['quit now', 'quit takes no arguments: type just "quit"'],
  ['status 9', 'status takes no arguments'],
  ['stats 9', 'stats takes "all" or nothing'],
  ['stats all zeros', 'stats takes "all" or nothing'],
  ['pings', 'pings takes one of on, changes, off'],
  ['pings loud', 'pings "loud" is not a mode: pings on|changes|off'],
  ['pings on off', 'pings takes one of on, changes, off'],
  ['help store', 'help takes no arguments'],
  ['EXIT 0', 'exit takes no arguments: type just "exit"'],
  ['sleep', 'sleep needs a number of seconds'],
  ['sleep 1 2', 'sleep takes one number of seconds, got 2'],
  ['sleep x', 'sleep "x" is not a number of seconds'],
  ['sleep -1', 'sleep "-1" is not a number of seconds'],
  ['sleep +3', 'sleep "+3" is not a number of seconds'],
  ['sleep 1e2', 'sleep "1e2" is not a number of seconds'],
  ['sleep 0x10', 'sleep "0x10" is not a number of seconds'],
  ['sleep Infinity', 'sleep "Infinity" is not a number of seconds'],
  ['sleep NaN', 'sleep "NaN" is not a number of seconds'],
  ['sleep .', 'sleep "." is not a number of seconds'],
  ['sleep 1.2.3', 'sleep "1.2.3" is not a number of seconds'],
  ['sleep 3600.5', 'sleep "3600.5" is too long: at most 3600 seconds'],
  ['sleep 99999999999999999999999', 'is too long'],
];

/** Lines refused only in a ring process (in a one-peer process the ring-only message comes first). */
const rejectedRing: [string, string][] = [
  ['use', 'use needs a peer id: use <PEER>'],
  ['use 3 4', 'use takes one peer id, got 2'],
  ['use 300', 'peer id "300" is out of range: ids are integers 0 to 255'],
  ['use 256', 'peer id "256" is out of range'],
  ['use x', 'peer id "x" is not a number: ids are integers 0 to 255'],
  ['use -1', 'peer id "-1" is not a number'],
  ['use +3', 'peer id "+3" is not a number'],
  ['use 1e2', 'peer id "1e2" is not a number'],
  ['use 0x10', 'peer id "0x10" is not a number'],
  ['use 3.5', 'peer id "3.5" is not a number'],
  ['use 3.0', 'peer id "3.0" is not a number'],
  ['kill', 'kill needs a peer id: kill <PEER>'],
  ['kill 14 19', 'kill takes one peer id'],
  ['kill 1000', 'peer id "1000" is out of range'],
  ['join', "join needs the new peer's id: join <PEER> [via <KNOWN> | via <ID@HOST[:PORT]>]"],
  ['join x', 'peer id "x" is not a number'],
  ['join 15 4', 'join expects "via" after the new peer\'s id, got "4"'],
  ['join 15 via', 'join needs the known peer\'s id after "via"'],
  ['join 15 via 4 5', 'join has too many arguments'],
  ['join 15 via 999', 'peer id "999" is out of range'],
  ['join 256 via 4', 'peer id "256" is out of range'],
  ['join 15 via 15', 'peer 15 cannot join through itself'],
  ['join 15 via 15@10.0.0.2', 'peer 15 cannot join through itself'],
  ['join 15 via 4@0.0.0.0', '0.0.0.0 is not an address a peer can be reached at'],
  ['join 15 via 4@bad_host', 'is not a peer address: write ID@HOST[:PORT]'],
  ['join 15 via 4@10.0.0.2:70000', 'the port must be an integer from 1 to 65535'],
  ['@9', '@9 needs a command after it, e.g. @9 status'],
  ['@9 # just a comment', '@9 needs a command after it'],
  ['@', '"@" needs a peer id right after it, e.g. @9 status'],
  ['@ 9 status', '"@" needs a peer id right after it'],
  ['@x status', 'peer id "x" is not a number'],
  ['@3.5 status', 'peer id "3.5" is not a number'],
  ['@+3 status', 'peer id "+3" is not a number'],
  ['@1e2 status', 'peer id "1e2" is not a number'],
  ['@0x10 status', 'peer id "0x10" is not a number'],
  ['@256 status', 'peer id "256" is out of range: ids are integers 0 to 255'],
  ['@9status', 'peer id "9status" is not a number'],
  ['@9 @4 status', 'a line can name one peer only, but it names @9 and @4'],
  ['@9 @ status', 'a line can name one peer only'],
  ['@9 use 3', 'use cannot be sent to one peer (it changes the current peer): type "use 3" instead'],
  ['@9 exit', 'exit cannot be sent to one peer (it stops every local peer): type "exit" instead'],
  ['@9 help', 'help cannot be sent to one peer'],
  ['@9 sleep 1', 'sleep cannot be sent to one peer (it pauses the whole session): type "sleep 1" instead'],
  ['@9 kill 14', 'kill cannot be sent to one peer (it acts on the process): type "kill 14" instead'],
  [
    '@9 pings off',
    'pings cannot be sent to one peer (it sets what this session shows of every peer): type "pings off" instead',
  ],
  ['@9 join 15', 'join cannot be sent to one peer (it starts a new peer): type "join 15 via 9" instead'],
  ['@9 join 15 via 4', 'type "join 15 via 4" instead'],
  ['@9 frob', 'unknown command "frob"'],
  ['@9 store x/12', 'file name "x/12" is not valid'],
  ['@9 quit now', 'quit takes no arguments'],
];

/** Lines refused in a one-peer process because they only exist in a ring process. */
const rejectedOne: [string, string][] = [
  ['use 9', 'use only exists in a ring process (./init.sh or ringdht ring), and this process runs one peer'],
  ['USE 9', 'use only exists in a ring process'],
  ['use', 'use only exists in a ring process'],
  ['kill 14', 'kill only exists in a ring process'],
  ['join 15 via 4', 'join only exists in a ring process'],
  ['join', 'join only exists in a ring process'],
  [
    '@9 store 2067',
    '"@N" only exists in a ring process (./init.sh or ringdht ring), and this process runs one peer: type the command without "@9"',
  ],
  ['@9', '"@N" only exists in a ring process'],
  ['@ status', '"@N" only exists in a ring process'],
];

function assertRejected(line: string, ctx: ParseContext, part: string): void {
  const got = parseLine(line, ctx);
  assert.equal(got.kind, 'error', `${JSON.stringify(line)} should be refused, got ${JSON.stringify(got)}`);
  if (got.kind !== 'error') return;
  assert.ok(
    got.message.includes(part),
    `${JSON.stringify(line)}: ${JSON.stringify(got.message)} should contain ${JSON.stringify(part)}`,
  );
  // One sentence: no line breaks, so it prints as one terminal line.
  assert.ok(!got.message.includes('\n'), `message of ${JSON.stringify(line)} spans lines`);
}

describe('parseLine in a ring process', () => {
  for (const [line, want] of [...acceptedBoth, ...acceptedRing]) {
    test(`accepts ${JSON.stringify(line)}`, () => assert.deepEqual(parseLine(line, RING), want));
  }
  for (const [line, part] of [...rejectedBoth, ...rejectedRing]) {
    test(`refuses ${JSON.stringify(line)}`, () => assertRejected(line, RING, part));
  }
});

describe('parseLine in a one-peer process', () => {
  for (const [line, want] of acceptedBoth) {
    test(`accepts ${JSON.stringify(line)}`, () => assert.deepEqual(parseLine(line, ONE), want));
  }
  for (const [line, part] of [...rejectedBoth, ...rejectedOne]) {
    test(`refuses ${JSON.stringify(line)}`, () => assertRejected(line, ONE, part));
  }
});

describe('parseLine with another identifier space', () => {
  const wide: ParseContext = { ring: true, idBits: 16 };
  test('ids go up to 2^idBits - 1', () => {
    assert.deepEqual(parseLine('use 65535', wide), {
      kind: 'command',
      command: { kind: 'use', peer: 65535 },
      text: 'use 65535',
    });
    assertRejected('use 65536', wide, 'peer id "65536" is out of range: ids are integers 0 to 65535');
    assertRejected('@65536 status', wide, 'is out of range');
  });
});

describe('parsePeerId', () => {
  test('refuses what is not plain decimal digits, including empty and blank', () => {
    for (const text of ['', ' ', ' 3', '3 ', '1e2', '0x10', '+3', '-0', '3.5', '٣']) {
      const got = parsePeerId(text, 8);
      assert.equal(got.ok, false, JSON.stringify(text));
      if (!got.ok) assert.match(got.message, /is not a number: ids are integers 0 to 255$/);
    }
  });
  test('accepts digits in range, leading zeros included', () => {
    assert.deepEqual(parsePeerId('0', 8), { ok: true, id: 0 });
    assert.deepEqual(parsePeerId('0255', 8), { ok: true, id: 255 });
  });
});

describe('helpText', () => {
  const ringVerbs = [
    'store',
    'request',
    'quit',
    'kill',
    'join',
    'use',
    '@<PEER>',
    'status',
    'help',
    'exit',
    'sleep',
    '#',
  ];
  test('a ring process lists every command, @N, sleep and comments', () => {
    const text = helpText(RING);
    for (const verb of ringVerbs) assert.match(text, new RegExp(`^  ${verb.replace('<', '\\<')}`, 'm'), verb);
    assert.match(text, /0 to 255/);
    // Any file name is accepted, so the help does not say NAME is four digits only; store --empty is listed.
    assert.match(text, /four digits 0000 to 9999 as the original .* or any other file name/);
    assert.match(text, /^ {2}store <NAME> --empty/m);
  });
  test('a one-peer process lists only the commands it has', () => {
    const text = helpText(ONE);
    for (const verb of ['store', 'request', 'quit', 'status', 'help', 'exit', 'sleep', '#']) {
      assert.match(text, new RegExp(`^  ${verb}`, 'm'), verb);
    }
    for (const verb of ['kill', 'join', 'use', '@']) assert.doesNotMatch(text, new RegExp(`^  ${verb}`, 'm'), verb);
  });
  test('every command the help names parses (or asks for its arguments)', () => {
    for (const ctx of [RING, ONE]) {
      for (const row of helpText(ctx)
        .split('\n')
        .filter((r) => r.startsWith('  '))) {
        const verb = row.trim().split(/\s+/)[0]!;
        if (verb === '#' || verb.startsWith('@')) continue;
        const got = parseLine(verb, ctx);
        if (got.kind === 'error')
          assert.doesNotMatch(got.message, /unknown command|only exists/, `${verb}: ${got.message}`);
      }
    }
  });
});
