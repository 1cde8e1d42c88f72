// The one error type users see (library, CLI, config resolver): a code to branch on and a sentence to act on.

export type ErrorCode =
  | 'PORT_IN_USE'
  | 'ACTOR_DIED'
  | 'TIMEOUT'
  | 'UNKNOWN_PEER'
  | 'CLOSED'
  | 'SPAWN_FAILED'
  | 'BAD_OPTION'
  | 'FOREIGN_DATA'
  | 'JOIN_FAILED'
  /** The live view's server could not start (other than its port in use: PORT_IN_USE). */
  | 'VIEW_FAILED';

/** The codes a peer's start can fail with (the actor's, carried to the host). */
export const SPAWN_CODES = ['PORT_IN_USE', 'FOREIGN_DATA', 'SPAWN_FAILED'] as const satisfies readonly ErrorCode[];
export type SpawnCode = (typeof SPAWN_CODES)[number];

export class RingdhtError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RingdhtError';
  }
}
