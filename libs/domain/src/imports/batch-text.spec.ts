import { BatchText } from './batch-text';

describe('BatchText', () => {
  it("gives the lines' UTF-8 in order, in parts or not, each text in memory of its own", () => {
    const text = new BatchText();
    const lines = Array.from({ length: 300 }, (_, i) => `${i}\tZoë 名前 \u{1F600}\t\\N\n`);
    for (const line of lines.slice(0, 200)) text.add(line);
    const first = text.take();
    for (const line of lines.slice(200)) text.add(line);
    const second = text.take();
    expect([first, second].map((b) => Buffer.isBuffer(b))).toEqual([true, true]);
    expect(first.equals(Buffer.from(lines.slice(0, 200).join('')))).toBe(true);
    expect(second.equals(Buffer.from(lines.slice(200).join('')))).toBe(true);
    // A buffer that is the whole of its ArrayBuffer: a staging thread can move it to the main thread.
    for (const b of [first, second]) expect([b.byteOffset, b.buffer.byteLength]).toEqual([0, b.length]);
  });
});
