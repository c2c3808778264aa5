import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-01T09:00:00Z' });

describe('short and ambiguous replies (probe 17)', () => {
  it.each([
    'STOP 3',
    'Stop it!',
    'quit it.',
    'no, stop',
    'nein danke, abmelden',
    'non merci. stop',
    'st0p',
    'r3move',
    '$TOP!',
    'S.T.O.P.',
    'q u i t',
    'DEL me',
    'enuff!!',
    'basta ya!',
    'Aufhören.',
    'Hou op!',
    'IPTAL',
    'unreg',
    'Berhenti.',
    'Dość',
    'СТОП!',
    'Хватит.',
    'توقف!',
    '🛑✋',
  ])('is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'STOP was received for this number on another short code.',
    'STOP WHAT??',
    '✋',
    'I quit drinking coffee last year, so no thanks',
    'cancel 2pm, 3pm instead?',
    'Our team uses a STOP-START-CONTINUE retro, does your tool support that?',
    'Do you integrate with STOP-LOSS orders?',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each(['Not me!', 'wrong person.'])('a bare "not me" is a wrong person: %s', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it('a thumbs-down reaction is a refusal, another reaction is neutral', () => {
    expect(classify('Reacted 👎 to "Hi Tom, free Thursday?"').label).toBe('not_interested');
    expect(classify('Disliked “Hi Tom, free Thursday?”').label).toBe('not_interested');
    expect(classify('Reacted 😂 to "Hi Tom, free Thursday?"').label).toBe('neutral');
  });

  it('an automatic acknowledgement from a team is neutral, an away reply stays out of office', () => {
    expect(classify('Automatic reply: we received your email and will respond within 2 days.').label).toBe(
      'neutral',
    );
    expect(
      classify('Auto-reply: we got your message and will reply when we reopen on 4 January.').label,
    ).toBe('out_of_office');
  });

  it('a bare Arabic "no thanks" is a refusal', () => {
    expect(classify('لا، شكرا!').label).toBe('not_interested');
  });

  it('a stopped project is a refusal, not a stop request', () => {
    expect(classify('They had to shelve the project.').label).toBe('not_interested');
  });

  it('quitting a habit is not leaving the company', () => {
    expect(classify('I quit smoking in March').label).not.toBe('wrong_person');
  });
});
