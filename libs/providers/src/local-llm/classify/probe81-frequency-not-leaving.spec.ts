import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('"Abmelden möchte ich mich nicht": a German refusal to leave with the verb first is no opt-out (probe 81)', () => {
  it.each([
    [
      'Einmal im Monat reicht völlig, bitte nicht jede Woche. Abmelden möchte ich mich aber nicht.',
      'neutral',
    ],
    ['Abmelden will ich mich nicht, nur weniger Mails bitte.', 'neutral'],
    ['Austragen lassen möchte ich mich keinesfalls, die Tipps sind gut.', 'neutral'],
  ])('%s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['Abmelden möchte ich mich, bitte.'],
    ['Bitte abmelden, ich will nicht mehr.'],
    ['Abmelden. Ich möchte nichts mehr bekommen.'],
  ])('stays an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
