import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

describe('questions about what an act would do, fewer messages, and post instead of calls', () => {
  it.each([
    ['Will removing my card cancel the subscription?', 'question'],
    ['Does deleting the app unsubscribe me?', 'question'],
    ['Why do you keep emailing me? Is there a way to change the frequency?', 'question'],
    ['Can you stop the calls and send a brochure by post?', 'interested'],
  ])('no opt-out: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    'Why do you keep emailing me?',
    'Stop the calls. Never contact me again, not even by post.',
    'please cancel my subscription',
    'Will you cancel my subscription now please?',
  ])('still an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
