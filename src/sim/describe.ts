// One-line descriptions of inputs and messages for the trace: short, stable, and the same on every run.
import { timerKey, type Input, type TransferRef } from '../core/io.ts';
import type { Message } from '../core/messages.ts';

export function describeMessage(m: Message): string {
  switch (m.type) {
    case 'pingRequest':
      return `pingRequest seq=${m.seq} rank=${m.rank}`;
    case 'pingResponse':
      return `pingResponse seq=${m.seq} [${m.successors.join(',')}]`;
    case 'lookup':
      return `lookup ${m.kind} op=${m.op} ${m.name} key=${m.key} origin=${m.origin} hops=${m.hops}${m.final ? ' final' : ''}${m.retry === undefined ? '' : ` retry=${m.retry}`}`;
    case 'storeReady':
    case 'notFound':
      return `${m.type} op=${m.op} ${m.name} hops=${m.hops}`;
    default:
      return JSON.stringify(m); // a message added to the core since
  }
}

function describeRef(ref: TransferRef): string {
  return `${ref.purpose}${ref.op === undefined ? '' : ` op=${ref.op}`} ${ref.name} peer=${ref.peer}`;
}

export function describeInput(input: Input): string {
  switch (input.type) {
    case 'start':
      return 'start';
    case 'message':
      return `<- ${input.from} ${describeMessage(input.message)}`;
    case 'timer':
      return `timer ${timerKey(input.timer)}`;
    case 'command':
      return `command ${input.kind} ${input.name} op=${input.op}`;
    case 'transferStarted':
      return `transferStarted #${input.transfer} ${describeRef(input.ref)}`;
    case 'transferReceived':
    case 'transferSent':
      return `${input.type} ${describeRef(input.ref)}${input.error === undefined ? '' : ` error: ${input.error}`}`;
    case 'verified':
      return `verified ${input.name}${input.lost === true ? ' lost' : ''}${input.skipped === true ? ' skipped' : ''}`;
    case 'dropped':
      return `dropped ${input.name}${input.removed ? ' removed' : ''}${input.error === undefined ? '' : ` error: ${input.error}`}`;
    default:
      return JSON.stringify(input);
  }
}
