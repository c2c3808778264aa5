import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('chat-shaped opt-outs and their look-alikes (probe 29)', () => {
  it.each([
    'how many times do we have to say stop',
    'how many more times do I need to tell u to stop',
    'u can stop it already lmao, we went with someone else',
    'you can stop now tbh',
    'ill block u if u msg again',
    'if you call again ill report you',
    'Reported this # as spam',
    'who has this # anyway, lose it',
    'Handynummer bitte entfernen, danke',
    'meine Daten löschen bitte',
    'niet meer appen aub',
    'Graag niet meer mailen.',
  ])('is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['How many times do I have to say it, the call is Thursday at 3', 'meeting_request'],
    ['do ppl have to type stop or unsubscribe?', 'question'],
    ['can ppl reply stop to get off ur sms?', 'question'],
    ['wie kann ich bei euch eine Nummer löschen?', 'question'],
    ['can u email me instead of calling? still keen', 'question'],
    ['could you text me instead of emailing? I still want the updates', 'question'],
  ])('is not an opt-out: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['ok im in.', 'interested'],
    ['sure, we are in!', 'interested'],
    ['not til after xmas sorry', 'not_now'],
    ['swamped til after xmas, ping me in jan', 'not_now'],
  ])('reads chat shorthand: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
