import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

describe("a notice's instruction to its readers ('To unsubscribe, reply STOP') is not the writer's opt-out", () => {
  it.each([
    'Out of office until Monday 14th. If you wish to unsubscribe from our newsletter, reply UNSUBSCRIBE.',
    'Thanks for the note. To unsubscribe, reply STOP.',
    'Thanks. To unsubscribe from our newsletter, reply UNSUBSCRIBE.',
  ])('no opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    'To unsubscribe, I replied STOP twice and you keep texting!',
    'Stop. To be clear, reply STOP means stop.',
    'To be clear: unsubscribe me. Reply to confirm.',
  ])('the writer still opts out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
