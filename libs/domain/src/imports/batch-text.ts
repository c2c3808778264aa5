/**
 * Lines joined into one string every LINES_PER_PART lines. A line built by concatenation is a tree of the strings it
 * was made of (its row's cells among them): held so until its batch is cut, each would outlive a staging thread's
 * young generation, be moved to the old one and be collected there. Joined, they are garbage while still young, and a
 * batch holds one flat string per part of its text.
 */
const LINES_PER_PART = 128;

/** The COPY text of a batch, line by line. */
export class BatchText {
  private parts: string[] = [];
  private lines: string[] = [];

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length === LINES_PER_PART) {
      this.parts.push(this.lines.join(''));
      this.lines = [];
    }
  }

  /** The text so far, as one string; the lines start again from none. */
  take(): string {
    if (this.lines.length) this.parts.push(this.lines.join(''));
    const text = this.parts.join('');
    this.parts = [];
    this.lines = [];
    return text;
  }
}
