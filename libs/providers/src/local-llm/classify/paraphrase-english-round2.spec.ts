import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('English paraphrases of the set’s own replies, round 2 (probe 26)', () => {
  it.each([
    [
      "Thanks all the same, but we'd ask that you take us out of your future outreach.",
      'asks that they take them out',
    ],
    ['I must insist that you strike me from your records.', 'insists that they strike them'],
    ['Please keep me out of future mailings.', 'out of future mailings'],
    ['We would ask that all further correspondence with us cease.', 'asks that correspondence cease'],
    ['I would ask that all further texts to this number cease.', 'asks that the texts cease'],
    ['Kindly erase the personal information you have on me.', 'erasure of the data they hold'],
    ['No deal this time. Please halt the follow-ups.', 'halts the follow-ups'],
    ['Please purge every contact you have at brightco.co.uk.', 'a whole domain, its addresses first'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'We need the reminders to stop once a patient books.',
    'We need the texts to this number to stop when the patient replies.',
    'Do you erase the data you hold on us when we cancel?',
    'How would I delete the information you have on me?',
    "Please don't keep me out of future mailings, I read them all.",
    'Send me the link to the webinar, looks good.',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['FYI your unsubscribe button gives an error. Not going anywhere, just flagging it.', 'neutral'],
    ['Is your unsubscribe button broken?', 'question'],
    ['haha stop it. fine, send me the link', 'interested'],
    [
      'Legal wants to see the MSA first. Can you share it so we can get this signed before Christmas?',
      'interested',
    ],
    ["Don't take me off, I've changed employer. Use j.ruiz@northco.com going forward.", 'neutral'],
    ['Do not remove us — we moved offices. Please use ops@lakeline.io from here on.', 'neutral'],
  ])('reads %s as %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it('reads interest followed by a price question as interest or a question, never an opt-out', () => {
    // The labelled set reads this shape both ways (pr4-147 and pr53-107 question, pr7-009 interested), and which
    // one the trained model picks moves with each retraining: what this paraphrase of "nearly deleted" pins is
    // that it is one of the two.
    const { label } = classify(
      'I nearly deleted this, but it looks interesting: what is the price for 5 seats?',
    );
    expect(['interested', 'question']).toContain(label);
  });
});

describe('referrals in English paraphrases (probe 26)', () => {
  it.each([
    ['Not me, I moved on in the spring. Lena Hart is who you want: lena.hart@orbisco.com.', 'Lena Hart'],
    ["Wrong number, this is Dev not Raj. Raj's new number is 020 7946 0321 I believe.", 'Raj'],
  ])('takes the name from %s', (text, name) => {
    const result = classify(text);
    expect(result.label).toBe('wrong_person');
    expect(result.referral?.name).toBe(name);
  });
});
