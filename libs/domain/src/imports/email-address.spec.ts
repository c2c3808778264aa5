import { isEmail } from 'class-validator';
import { isEmailAddress } from './email-address';

/** A seeded PRNG (mulberry32): the same strings every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CASES = [
  'ana@example.com',
  'Ana.Silva+tag@Example.CO.UK',
  "o'brien@mail.ie",
  'x@y.io',
  'a@b.c',
  'a..b@example.com',
  '.a@example.com',
  'a.@example.com',
  'a@-example.com',
  'a@example-.com',
  'a@exa_mple.com',
  'a@example.c0m',
  'a@example.123',
  'a@example',
  'a@@example.com',
  'a@b@example.com',
  '"quoted name"@example.com',
  'josé@exemplo.pt',
  'ana@exâmple.com',
  'ana@xn--exmple-cua.com',
  'ana@example.xn--p1ai',
  'Ana <ana@example.com>',
  ' ana@example.com',
  'ana@example.com ',
  'ana@ex ample.com',
  `${'l'.repeat(64)}@example.com`,
  `${'l'.repeat(65)}@example.com`,
  `ana@${'d'.repeat(63)}.com`,
  `ana@${'d'.repeat(64)}.com`,
  `ana@example.${'t'.repeat(63)}`,
  `ana@example.${'t'.repeat(64)}`,
  `${'l'.repeat(60)}@${`${'d'.repeat(60)}.`.repeat(3)}com`,
  `${'l'.repeat(64)}@${`${'d'.repeat(61)}.`.repeat(3)}co`,
  `${'l'.repeat(64)}@${`${'d'.repeat(61)}.`.repeat(3)}com`,
  'ａｎａ@example.com',
  'ana@ｅxample.com',
  'ana@[127.0.0.1]',
  'ana@127.0.0.1',
  '@example.com',
  'ana@',
  '',
];

describe('isEmailAddress', () => {
  it('answers as class-validator isEmail for edge cases of length, dots, hosts, quotes and Unicode', () => {
    for (const text of CASES) expect([text, isEmailAddress(text)]).toEqual([text, isEmail(text)]);
  });

  it('answers as class-validator isEmail for 50,000 random near-addresses', () => {
    const next = random(42);
    const alphabet = 'aZ09._-+@\'"!#%&*/=?^`{|}~ ()<>[],;:\\é\u00a0ｅ\t';
    const pick = (text: string) => text[Math.floor(next() * text.length)];
    const run = (chars: string, max: number) =>
      Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(chars)).join('');
    let accepted = 0;
    for (let i = 0; i < 50_000; i++) {
      // Mostly address-shaped (a local part, an @, labels and a TLD), with odd characters mixed in.
      const text =
        next() < 0.5
          ? `${run(alphabet, 8)}@${run('ab-9.', 10)}.${run('abc', 3)}`
          : `${run('abc.-_+', 70)}@${run('ab-9.', 70)}.${run('ab1', 70)}`;
      const expected = isEmail(text);
      if (isEmailAddress(text) !== expected)
        throw new Error(`differs from isEmail for ${JSON.stringify(text)}`);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(250);
  });
});
