import { Utf8Check } from './utf8-check';

/** The verdict on the bytes given in pieces cut at `cuts`. */
function checked(bytes: Buffer, cuts: number[]): boolean {
  const check = new Utf8Check();
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    check.push(bytes.subarray(from, to));
    from = to;
  }
  return check.end();
}

/** TextDecoder's verdict on the whole, what the upload used to ask. */
function decodes(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Every way of cutting the bytes in two and in three. */
function everyCut(bytes: Buffer): number[][] {
  const cuts: number[][] = [[]];
  for (let a = 0; a <= bytes.length; a++) {
    cuts.push([a]);
    for (let b = a; b <= bytes.length; b++) cuts.push([a, b]);
  }
  return cuts;
}

describe('Utf8Check', () => {
  const valid = Buffer.from('a,é,€,😀;Ωx\n', 'utf8');

  it('takes UTF-8 however its multi-byte characters are cut between chunks', () => {
    for (const cuts of everyCut(valid)) expect([cuts, checked(valid, cuts)]).toEqual([cuts, true]);
  });

  it.each([
    ['a byte no character starts with', Buffer.from([0x61, 0xff, 0x62])],
    ['Windows-1252 text (é as 0xe9)', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x78])],
    ['a character cut by the end of the stream', Buffer.from([0x61, 0xe2, 0x82])],
    ['a lead byte followed by ASCII', Buffer.from([0xe2, 0x61, 0x62, 0x63])],
    ['a stray continuation byte', Buffer.from([0x61, 0x80, 0x62])],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf, 0x61])],
    ['a surrogate', Buffer.from([0xed, 0xa0, 0x80, 0x61])],
    ['a code point past U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
    ['a 4-byte lead byte past F4', Buffer.from([0xf5, 0x80, 0x80, 0x80])],
    ['too many continuation bytes', Buffer.from([0xe2, 0x82, 0xac, 0xac])],
  ])('refuses %s wherever the chunks are cut, as TextDecoder does', (_, bytes) => {
    const stream = Buffer.concat([valid, bytes, valid]);
    expect(decodes(stream)).toBe(false);
    for (const cuts of everyCut(stream)) expect([cuts, checked(stream, cuts)]).toEqual([cuts, false]);
  });

  it('agrees with TextDecoder on random bytes cut at random', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'é', '€', '😀', '\n'].map((c) => Buffer.from(c, 'utf8'));
    let accepted = 0;
    for (let n = 0; n < 2000; n++) {
      const parts: Buffer[] = [];
      for (let i = 0; i < 12; i++) {
        parts.push(
          random() < 0.1 ? Buffer.from([Math.floor(random() * 256)]) : pieces[Math.floor(random() * 5)],
        );
      }
      const bytes = Buffer.concat(parts);
      const cuts = [...new Set([0, 0, 0].map(() => Math.floor(random() * (bytes.length + 1))))].sort(
        (a, b) => a - b,
      );
      expect([bytes, cuts, checked(bytes, cuts)]).toEqual([bytes, cuts, decodes(bytes)]);
      if (decodes(bytes)) accepted++;
    }
    // Both verdicts occur, so the comparison holds something.
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(1800);
  });

  it('stays refused after a bad byte, whatever follows', () => {
    const check = new Utf8Check();
    expect(check.push(Buffer.from([0x61, 0xff]))).toBe(false);
    expect(check.push(Buffer.from('abc'))).toBe(false);
    expect(check.end()).toBe(false);
  });

  it('takes an empty stream and empty chunks', () => {
    expect(checked(Buffer.alloc(0), [])).toBe(true);
    expect(checked(Buffer.from('é'), [0, 0, 1, 1, 2])).toBe(true);
  });
});
