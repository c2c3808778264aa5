import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('who handles it, the wrong person in German, and a past month of an opt-out (probe 79)', () => {
  it.each([
    [
      "My wife asked you to stop texting her last week, which is fine, but please keep me on - I'm the one who handles the bookings.",
      'neutral',
      'the writer is the one who handles it: no pointer to someone else',
    ],
    ['I am the one who handles purchasing - send me pricing', 'interested', 'a sibling'],
    ['Tom handles the bookings, talk to him', 'wrong_person', 'someone else handles it'],
    ["I'm not the one who handles this, Sarah handles vendors.", 'wrong_person', 'the writer is not the one'],
    [
      'Bitte nicht abmelden, ich bin nur der Falsche dafür. Zuständig ist unsere Einkaufsleiterin Petra Lang, petra.lang@lang-metall.de.',
      'wrong_person',
      'de, the wrong one, another named',
    ],
    ['Ich bin leider die Falsche dafür, fragen Sie Herrn Meier.', 'wrong_person', 'de, a sibling'],
    [
      'A patient complained she opted out of our reminders in October but got three this week. Is there a log I can show her?',
      'question',
      'a past month of an opt-out, no later period',
    ],
    ['We opted out of the beta in March, can we rejoin?', 'question', 'a sibling'],
    ['Talk to me in October.', 'not_now', 'a later month'],
    [
      'I unsubscribed from your newsletter in October and still get it. Remove me.',
      'unsubscribe',
      'an opt-out',
    ],
  ])('%s → %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
