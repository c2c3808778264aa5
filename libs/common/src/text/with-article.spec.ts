import { withArticle } from './with-article';

describe('withArticle', () => {
  it.each([
    ['inbound', 'an inbound'],
    ['active', 'an active'],
    ['ongoing', 'an ongoing'],
    ['agent_leg', 'an agent_leg'],
    ['dialer', 'a dialer'],
    ['completed', 'a completed'],
    ['paused', 'a paused'],
  ])('%s: %s', (word, expected) => expect(withArticle(word)).toBe(expected));

  it('opens a sentence', () => {
    expect([withArticle('active', true), withArticle('paused', true)]).toEqual(['An active', 'A paused']);
  });
});
