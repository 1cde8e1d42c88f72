// TCP framing: each frame is a 4-byte big-endian unsigned length followed by that many bytes.

export const FRAME_HEADER_BYTES = 4;
const MAX_LENGTH = 0xffff_ffff; // what the 4-byte header can say

/** One frame: the header and the payload in one Buffer, so a socket write sends it whole. */
export function frame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_LENGTH)
    throw new RangeError(`a frame of ${payload.length} bytes does not fit a 4-byte length`);
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/**
 * Cuts a TCP byte stream into frames. Frames may share memory with the chunks pushed in
 * (no copy when a frame lies inside one chunk).
 */
export class FrameDecoder {
  // Unconsumed bytes: chunks[0] from `offset` on, then the rest whole; joined once per frame, not per chunk.
  private chunks: Buffer[] = [];
  private offset = 0;
  private buffered = 0;
  /** The length of the frame being read, once its header is in. */
  private expected: number | undefined;
  private error: string | undefined;

  constructor(private readonly maxFrameBytes: number) {
    if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 0)
      throw new RangeError(`maxFrameBytes ${maxFrameBytes} is not a byte count`);
  }

  /** Feeds bytes as they arrive; returns the complete frames so far. After an error every call returns the same error. */
  push(chunk: Buffer): { frames: Buffer[]; error?: string } {
    const { frames, error } = this.pushPieces(chunk);
    return error === undefined ? { frames: frames.map(joined) } : { frames: frames.map(joined), error };
  }

  /**
   * As push, each frame as the pieces of the chunks pushed in that hold it, not joined (a large frame spans several
   * socket reads: joining them is a copy of the whole frame).
   */
  pushPieces(chunk: Buffer): { frames: Buffer[][]; error?: string } {
    const frames: Buffer[][] = [];
    if (this.error !== undefined) return { frames, error: this.error };
    if (this.buffered === 0 && this.expected === undefined) {
      // Nothing held (the usual case: a read holds whole messages): the frames lying whole in this chunk are cut from
      // it in place, each header read where it lies, and only what is left over is held.
      let start = 0;
      while (chunk.length - start >= FRAME_HEADER_BYTES) {
        const length = chunk.readUInt32BE(start);
        if (length > this.maxFrameBytes) return this.refuse(frames, length);
        const end = start + FRAME_HEADER_BYTES + length;
        if (end > chunk.length) break;
        frames.push([chunk.subarray(start + FRAME_HEADER_BYTES, end)]);
        start = end;
      }
      if (start === chunk.length) return { frames };
      if (start > 0) chunk = chunk.subarray(start);
    }
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < FRAME_HEADER_BYTES) break;
        const length = joined(this.take(FRAME_HEADER_BYTES)).readUInt32BE(0);
        if (length > this.maxFrameBytes) return this.refuse(frames, length);
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      frames.push(this.take(this.expected));
      this.expected = undefined;
    }
    return { frames };
  }

  /** Refused on the header alone: the body is never buffered. */
  private refuse(frames: Buffer[][], length: number): { frames: Buffer[][]; error: string } {
    this.error = `frame of ${length} bytes is over the ${this.maxFrameBytes}-byte limit`;
    this.chunks = [];
    this.offset = 0;
    this.buffered = 0;
    return { frames, error: this.error };
  }

  /** Bytes held for a frame not yet complete. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Removes the next `n` buffered bytes (the caller checked they are there), as the pieces of the chunks they lie in. */
  private take(n: number): Buffer[] {
    const pieces: Buffer[] = [];
    let needed = n;
    let used = 0; // whole chunks consumed, dropped in one splice
    while (needed > 0) {
      const chunk = this.chunks[used]!;
      const available = chunk.length - this.offset;
      if (available > needed) {
        pieces.push(chunk.subarray(this.offset, this.offset + needed));
        this.offset += needed;
        needed = 0;
      } else {
        pieces.push(chunk.subarray(this.offset));
        needed -= available;
        this.offset = 0;
        used++;
      }
    }
    this.chunks.splice(0, used);
    this.buffered -= n;
    return pieces;
  }
}

function joined(pieces: Buffer[]): Buffer {
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}
