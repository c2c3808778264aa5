/**
 * Lines encoded as UTF-8 every LINES_PER_PART lines. A line built by concatenation is a tree of the strings it was
 * made of (its row's cells among them): held so until its batch is cut, each would outlive a staging thread's young
 * generation, be moved to the old one and be collected there. Joined and encoded, they are garbage while still young,
 * and a batch holds its text outside the heap, as the bytes COPY sends.
 */
const LINES_PER_PART = 128;

/** The COPY text of a batch, line by line, as UTF-8. */
export class BatchText {
  private parts: Buffer[] = [];
  private bytes = 0;
  private lines: string[] = [];

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length === LINES_PER_PART) this.encode();
  }

  /**
   * The text so far, in a buffer that is the whole of its own memory: a staging thread moves that memory to the main
   * thread (stage.thread.ts), which writes it to COPY as it is. The lines start again from none.
   */
  take(): Buffer {
    if (this.lines.length) this.encode();
    const text = Buffer.allocUnsafeSlow(this.bytes);
    let at = 0;
    for (const part of this.parts) at += part.copy(text, at);
    this.parts = [];
    this.bytes = 0;
    return text;
  }

  private encode(): void {
    const part = Buffer.from(this.lines.join(''));
    this.parts.push(part);
    this.bytes += part.length;
    this.lines = [];
  }
}
