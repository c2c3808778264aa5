import { Readable } from 'node:stream';

/** Telephone quality: 8 kHz, 8-bit unsigned PCM, mono (one byte a sample; silence is the mid-point 0x80). */
const SAMPLE_RATE = 8_000;
const HEADER_BYTES = 44;
const SILENCE = 0x80;
const CHUNK_BYTES = 64 * 1024;

/** The 44-byte RIFF/WAVE header of `dataBytes` of 8 kHz 8-bit mono PCM. */
export function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/**
 * A silent WAV file `seconds` long (at least 0), streamed in 64 KiB chunks, and its size in bytes; with `range`,
 * only bytes `range.start` to `range.end` (inclusive) of it are streamed.
 */
export function silentWav(
  seconds: number,
  range?: { start: number; end: number },
): { bytes: number; body: Readable } {
  const dataBytes = Math.max(0, Math.round(seconds * SAMPLE_RATE));
  const bytes = HEADER_BYTES + dataBytes;
  const start = range?.start ?? 0;
  const end = range?.end ?? bytes - 1;
  function* chunks(): Generator<Buffer> {
    const header = wavHeader(dataBytes);
    if (start < HEADER_BYTES) yield header.subarray(start, Math.min(end + 1, HEADER_BYTES));
    for (let at = Math.max(start, HEADER_BYTES); at <= end; at += CHUNK_BYTES) {
      yield Buffer.alloc(Math.min(CHUNK_BYTES, end + 1 - at), SILENCE);
    }
  }
  return { bytes, body: Readable.from(chunks(), { objectMode: false }) };
}
