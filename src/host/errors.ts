// The host's errors are the one error type (src/errors.ts).
export { RingdhtError, type ErrorCode } from '../errors.ts';
