import { replyFeatures } from './reply-features';

describe('replyFeatures', () => {
  it('reads the words after a negation, within its clause, as negated', () => {
    const f = replyFeatures('do not stop sending, stop the calls');
    expect(f).toEqual(expect.arrayContaining(['w:not', 'n:stop', 'n:sending', 'w:stop', 'w:calls']));
    expect(f).not.toContain('n:calls');
    expect(replyFeatures('nicht mehr schreiben bitte danke')).toEqual(
      expect.arrayContaining(['n:mehr', 'n:schreiben', 'n:bitte', 'w:danke']),
    );
  });

  it('does not negate a word before the negation or after a question', () => {
    const f = replyFeatures('stop. no? stop');
    expect(f.filter((x) => x.startsWith('n:'))).toEqual([]);
    expect(f).toContain('w:stop');
  });

  it('takes character 4-grams inside words with their edges marked, not across two words', () => {
    const f = replyFeatures('abmelden bitte');
    expect(f).toEqual(expect.arrayContaining(['c: abm', 'c:elde', 'c:den ', 'c: bit', 'c:tte ']));
    expect(f).not.toContain('c:en b');
    expect(f).not.toContain('c:n bi');
  });
});
