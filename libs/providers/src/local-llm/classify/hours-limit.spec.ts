import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('a clock time that limits the hours of contact is no meeting time', () => {
  it.each([
    ['No calls before 10am please, the rest of the day is fine. Keen to hear more.', 'interested'],
    ["Please don't text my work phone after 6pm, nobody reads it then.", 'neutral'],
  ])('%s -> %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each(['Call me after 3pm tomorrow.', 'Can we talk before 10am on Tuesday?'])(
    'a time proposed is still a meeting: %s',
    (text) => {
      expect(classify(text).label).toBe('meeting_request');
    },
  );
});
