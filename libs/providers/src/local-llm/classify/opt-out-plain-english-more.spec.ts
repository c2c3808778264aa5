import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('English opt-outs without a stop verb (probe 14)', () => {
  it.each([
    'why do u keep messaging me',
    'Why are you still emailing me??',
    'why am I even receiving these',
    'Why do we keep getting your texts? Enough.',
    'This is my dad’s old phone. Please do not text him again.',
    'She has left us. Kindly delete her email address.',
    'Please remove all of our @northgate.io contacts.',
    'Do not add me to any future campaigns.',
    'Thanks but not interested in being on your mailing list.',
    'We have already asked three times to be removed.',
    'My details are to be erased.',
    'I am requesting deletion of my personal information.',
    'Cease processing my personal data for marketing.',
    'Your texts are not wanted.',
    'ok im reporting this number',
    'Could we get taken off please?',
    'piss off with your emails',
    'just leave me out of it',
    'pls nomore',
    'remov me',
  ])('is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Why am I getting these invoices twice?',
    'Please remove her email from the thread, she is on leave.',
    'Do not add me to the invite, Jane will attend.',
    'Can I get removed from the thread? Sam will handle it from here.',
    'Leave me out of this thread and talk to Jane directly about pricing.',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
