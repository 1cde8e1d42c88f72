// The interactive and scripted shell (SPEC.md section 3) over a ring of local peers, on node:readline.
import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { RingdhtError } from '../host/errors.ts';
import type { Ring } from '../host/ring.ts';
import { helpText, parseLine, type Command, type ParseContext } from './commands.ts';
import type { Printer } from './output.ts';
import { portOfPeer } from './peer-address.ts';

export interface ShellOptions {
  ring: Ring;
  printer: Printer;
  input: Readable;
  /** A person at a terminal: prompt, history, commands do not wait for each other. */
  interactive: boolean;
  /** Where the prompt goes (interactive only). */
  output?: Writable;
  /** A ring process (many peers, `[peer N]` prefixes, use/@N/kill/join) rather than a one-peer process. */
  ringProcess: boolean;
  idBits: number;
  /** Ends the shell early (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
  /** Interactive only: called with a writer that prints a line above the prompt, keeping what the user is typing. */
  onWriter?: (write: ((stream: Writable, text: string) => void) | undefined) => void;
}

/** Runs until `exit`, end of input or the signal; resolves to the exit status: 0 when every command succeeded, else 1. */
export async function runShell(options: ShellOptions): Promise<number> {
  const { ring, printer } = options;
  const context: ParseContext = { ring: options.ringProcess, idBits: options.idBits };
  let current = ring.ids()[0]!;
  let failures = 0;
  const inFlight = new Set<Promise<void>>();

  const rl = createInterface({
    input: options.input,
    ...(options.interactive ? { output: options.output, terminal: true, historySize: 500 } : { terminal: false }),
  });
  if (options.interactive) {
    // Lines arrive from the peers at any time: clear the prompt line, print, and redraw the prompt with the user's input.
    options.onWriter?.((stream, text) => {
      clearLine(stream, 0);
      cursorTo(stream, 0);
      stream.write(`${text}\n`);
      rl.prompt(true);
    });
  }
  const setPrompt = () => rl.setPrompt(`ringdht[${current}]> `);
  setPrompt();
  const stop = () => rl.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  rl.on('SIGINT', stop);

  const notHere = (peer: number) => `Peer ${peer} is not in this process (here: ${ring.ids().join(', ')})`;

  /** A local peer is gone: the next one becomes current; with none left the shell ends (the process exits). */
  const afterDeparture = (peer: number) => {
    const left = ring.ids();
    if (left.length === 0) {
      stop();
      return;
    }
    if (peer === current) {
      current = left.find((id) => id > peer) ?? left[0]!;
      setPrompt();
    }
  };

  // A peer that crashed is gone like a killed one; so is one killed or quit from elsewhere (the live view's page).
  const offCrashes = ring.on((event) => {
    if (event.kind === 'crashed' || event.kind === 'killed' || event.kind === 'closed') afterDeparture(event.peer);
  });

  const execute = async (command: Command, text: string, target: number | undefined): Promise<boolean> => {
    const peer = target ?? current;
    if (command.kind === 'join') {
      if (ring.has(command.peer)) {
        printer.refused(text, `Peer ${command.peer} is already running in this process`);
        return false;
      }
      const via = command.via ?? current;
      let through: number | { id: number; host: string; port: number } = current;
      if (typeof via === 'number') through = via;
      else {
        const port = portOfPeer(via, ring.options.idBits, ring.options.basePort);
        if (typeof port === 'string') {
          printer.refused(text, port);
          return false;
        }
        through = { id: via.id, host: via.host, port };
      }
      const result = await ring.join(command.peer, through).catch((error: unknown) => {
        if (!(error instanceof RingdhtError)) throw error;
        return error;
      });
      if (result instanceof RingdhtError) {
        printer.refused(text, result.message);
        return false;
      }
      printer.done(result);
      return result.ok;
    }
    if (command.kind === 'kill') {
      if (!ring.has(command.peer)) {
        printer.refused(text, notHere(command.peer));
        return false;
      }
      const started = performance.now();
      await ring.kill(command.peer);
      printer.info(
        `Peer ${command.peer} was killed: no notice to anyone; its predecessors will find out by its missed pings`,
      );
      printer.done({
        ok: true,
        peer: command.peer,
        op: 0,
        command: text,
        holder: command.peer,
        hops: 0,
        ms: performance.now() - started,
      });
      afterDeparture(command.peer);
      return true;
    }
    if (command.kind === 'use') {
      if (!ring.has(command.peer)) {
        printer.refused(text, notHere(command.peer));
        return false;
      }
      current = command.peer;
      setPrompt();
      return true;
    }
    if (command.kind === 'help') {
      printer.info(helpText(context));
      return true;
    }
    if (command.kind === 'sleep') {
      await sleep(command.seconds * 1000, undefined, { signal: options.signal }).catch(() => {});
      return true;
    }
    if (target !== undefined && !ring.has(target)) {
      printer.refused(text, notHere(target));
      return false;
    }
    if (command.kind === 'pings') {
      printer.pings = command.mode;
      return true;
    }
    if (command.kind === 'status' || command.kind === 'stats') {
      const statuses = await Promise.all(
        (target === undefined ? ring.ids() : [target]).map((id) => ring.peer(id).status()),
      );
      if (command.kind === 'status') printer.status(statuses);
      else printer.stats(statuses, command.all === true);
      return true;
    }
    if (command.kind === 'quit') {
      if (!ring.has(peer)) {
        printer.refused(text, notHere(peer));
        return false;
      }
      const result = await ring.quit(peer);
      printer.done(result);
      afterDeparture(peer);
      return result.ok;
    }
    if (command.kind === 'store' || command.kind === 'request') {
      const result = await ring.peer(peer).run(command, text);
      printer.done(result);
      return result.ok;
    }
    return true;
  };

  const runOne = async (command: Command, text: string, target: number | undefined) => {
    try {
      if (!(await execute(command, text, target))) failures++;
    } catch (error) {
      failures++;
      printer.refused(text, (error as Error).message, target ?? current);
    }
  };

  // A Ctrl-C or SIGTERM that came while the peers were starting (before this shell listened) ends it
  // before it reads anything (iterating a readline that is already closed would wait forever).
  const aborted = options.signal?.aborted === true;
  if (aborted) rl.close();
  else if (options.interactive) rl.prompt();
  const lines: AsyncIterable<string> = aborted ? noLines() : rl;
  for await (const line of lines) {
    const parsed = parseLine(line, context);
    if (parsed.kind === 'error') {
      failures++;
      printer.refused(line.trim(), parsed.message);
    } else if (parsed.kind === 'command') {
      if (parsed.command.kind === 'exit') break;
      const task = runOne(parsed.command, parsed.text, parsed.target);
      if (options.interactive) {
        inFlight.add(task);
        void task.finally(() => {
          inFlight.delete(task);
          rl.prompt(true);
        });
      } else {
        await task;
      }
    }
    if (options.interactive && parsed.kind !== 'command') rl.prompt();
  }
  rl.close();
  offCrashes();
  options.onWriter?.(undefined);
  options.signal?.removeEventListener('abort', stop);
  await Promise.allSettled(inFlight);
  // A person saw each error as it happened; a script needs the status to know whether all went well.
  return failures === 0 || options.interactive ? 0 : 1;
}

async function* noLines(): AsyncGenerator<string> {}
