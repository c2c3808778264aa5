import { isUtf8 } from 'node:buffer';

/** The bytes of the UTF-8 sequence a lead byte starts (1 for ASCII and for a byte no sequence starts with). */
function sequenceBytes(lead: number): number {
  if (lead >= 0xc0 && lead < 0xe0) return 2;
  if (lead >= 0xe0 && lead < 0xf0) return 3;
  if (lead >= 0xf0 && lead < 0xf8) return 4;
  return 1;
}

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;

/**
 * Whether a stream of bytes, given a chunk at a time, is UTF-8 as a whole (as TextDecoder's fatal decode of all of it
 * says), checked with `buffer.isUtf8` on each chunk as it is: no string is made of it. A sequence cut by a chunk's end
 * is held (up to 3 bytes) and checked with the bytes of the next chunk that complete it.
 */
export class Utf8Check {
  private held: Buffer = Buffer.alloc(0);
  private valid = true;

  /** Adds the next chunk; false once the bytes so far cannot be UTF-8. */
  push(data: Buffer): boolean {
    if (!this.valid || data.length === 0) return this.valid;
    let from = 0;
    if (this.held.length) {
      const missing = sequenceBytes(this.held[0]) - this.held.length;
      const head = data.subarray(0, missing);
      from = head.length;
      if (head.length < missing) {
        this.held = Buffer.concat([this.held, head]);
        return this.valid;
      }
      this.valid = isUtf8(Buffer.concat([this.held, head]));
      this.held = Buffer.alloc(0);
      if (!this.valid) return false;
    }
    const to = this.cut(data, from);
    this.valid = isUtf8(data.subarray(from, to));
    if (this.valid && to < data.length) this.held = Buffer.from(data.subarray(to));
    return this.valid;
  }

  /** Whether the whole stream was UTF-8: a sequence still held was cut by its end. */
  end(): boolean {
    if (this.held.length) this.valid = false;
    this.held = Buffer.alloc(0);
    return this.valid;
  }

  /** Where the sequence cut by the chunk's end starts (the chunk's length when none is). */
  private cut(data: Buffer, from: number): number {
    for (let at = data.length - 1; at >= Math.max(from, data.length - 3); at--) {
      if (isContinuation(data[at])) continue;
      return at + sequenceBytes(data[at]) > data.length ? at : data.length;
    }
    return data.length;
  }
}
