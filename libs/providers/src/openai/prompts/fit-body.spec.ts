import { fitBody } from './fit-body';

describe('fitBody', () => {
  it('returns a body within the limit as it is', () => {
    expect(fitBody('Hi Ada. See you soon.', 21)).toBe('Hi Ada. See you soon.');
  });

  it('cuts at the last sentence end that fits when it is in the last 40% of the limit', () => {
    const body = 'Hi Ada, thanks for asking. Our plan is billed yearly! Want a demo next week? Reply here.';
    expect(fitBody(body, 80)).toBe(
      'Hi Ada, thanks for asking. Our plan is billed yearly! Want a demo next week?',
    );
    expect(fitBody(body, 60)).toBe('Hi Ada, thanks for asking. Our plan is billed yearly!');
  });

  it('counts closing quotes and brackets with their sentence, never a dot inside a number', () => {
    const body =
      'She said "it works." (It does.) Version 2.5 ships soon and the rest is longer than the limit.';
    expect(fitBody(body, 45)).toBe('She said "it works." (It does.)');
    expect(fitBody('Version 2.5 ships soon to every clinic in the region', 14)).toBe('Version 2.5…');
  });

  it('cuts between words, without a dangling comma, when no sentence end is in the last 40%', () => {
    const body =
      'Hi Ada. Our clinic plan covers messages, calls and reminders for every location you run today';
    const cut = fitBody(body, 40)!;
    expect(cut).toBe('Hi Ada. Our clinic plan covers messages…');
    expect(cut.length).toBeLessThanOrEqual(40);
  });

  it('ends at the sentence when the last word that fits closes one, without an ellipsis', () => {
    expect(fitBody('Hi Ada. https://example.com/a/very/long/link/that/never/ends', 30)).toBe('Hi Ada.');
  });

  it('is null when not even the first word fits', () => {
    expect(fitBody('x'.repeat(200), 160)).toBeNull();
    expect(fitBody(`— ${'x'.repeat(200)}`, 160)).toBeNull();
  });

  it('never answers more than the limit', () => {
    const words = 'Brightdesk keeps every patient message, call and reminder in one calm place. '.repeat(20);
    for (const max of [20, 33, 57, 160, 480, 999]) {
      const cut = fitBody(words.trim(), max)!;
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(words.startsWith(cut.replace(/…$/, ''))).toBe(true);
    }
  });
});
