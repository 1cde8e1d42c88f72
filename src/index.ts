// The library API: rings of peers in this process, for programs, tests and benchmarks.
export {
  createRing,
  Ring,
  PeerHandle,
  type RingOptions,
  type PeerSpec,
  type RingEvent,
  type CommandResult,
  type RequestResult,
  type StoreOptions,
  type NotStarted,
} from './host/ring.ts';
export { createTestRing, type TestRing } from './host/testing.ts';
export { RingdhtError, type ErrorCode } from './host/errors.ts';
export { type ClientResult, PeerClient } from './host/client.ts';
export type { ActorStatus } from './actor/actor.ts';
export type { PeerLine } from './core/lines.ts';
export { DEFAULTS } from './defaults.ts';
export { resolveConfig, type Config, type ConfigOptions } from './config.ts';
