import { labelReplyText } from './reply-classifier';

const labels = (text: string) => [
  labelReplyText({ text, received_at: '2026-12-02T09:00:00Z', channel: 'sms' }, null).label,
  labelReplyText({ text, received_at: '2026-12-02T09:00:00Z', channel: 'sms' }).label,
];

describe('a wish given as the reason for a question about opting out', () => {
  it.each([
    'If I text STOP, do I lose the delivery updates? I still need those, I just do not want the sales texts.',
    "Does replying STOP end the class reminders too? We still want those, we only don't want the offers.",
  ])('is no opt-out: %s', (text) => {
    expect(labels(text)).not.toContain('unsubscribe');
  });

  it.each([
    "If I reply STOP will it cancel my appointment? I don't want the promo texts.",
    'Will replying STOP cancel my booking? I still want to come. Take me off the promos please.',
    "if i text stop does it stop everything? good, i don't want any more texts from you",
  ])('is an opt-out: %s', (text) => {
    expect(labels(text)).toEqual(['unsubscribe', 'unsubscribe']);
  });
});
