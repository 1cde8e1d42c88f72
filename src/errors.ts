// The one error type users see (library, CLI, config resolver): a code to branch on and a sentence to act on.

export type ErrorCode = 'PORT_IN_USE' | 'ACTOR_DIED' | 'TIMEOUT' | 'UNKNOWN_PEER' | 'CLOSED' | 'SPAWN_FAILED' | 'BAD_OPTION';

export class RingdhtError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'RingdhtError';
  }
}
