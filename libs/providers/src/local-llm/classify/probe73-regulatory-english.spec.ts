import { readSignals } from './match-signals';
import { prepareReply } from './prepare-reply';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('regulatory and legal wording in English, opt-outs and not (probe 73)', () => {
  it.each([
    ['I will be escalating this to the OAIC.', 'au: privacy regulator'],
    ['Lodging a complaint with the ACMA today.', 'au: communications regulator'],
    ['This goes to the Privacy Commissioner of Canada if it happens again.', 'ca: privacy commissioner'],
    ['Referred to the CRTC.', 'ca: telecom regulator'],
    ['I am taking this to ComReg.', 'ie: communications regulator'],
    ['Another one and I file with the Data Protection Commission.', 'ie: data protection regulator'],
    ['We hereby withdraw all prior consent to be contacted by your firm.', 'withdraws consent'],
    ['I am revoking my permission for these texts, effective now.', 'revokes permission'],
    ['My consent is hereby rescinded.', 'consent rescinded'],
    ['Kindly take this email as my formal request for erasure.', 'an erasure request'],
    ['Accept this letter as a withdrawal of consent under UK GDPR.', 'a withdrawal of consent'],
    ['Please cease processing my personal data for sales purposes.', 'stop processing my data'],
    ['Stop using my personal details for your mailings.', 'stop using my data'],
    ['Your company is violating the law by texting me.', 'accused of breaking the law'],
    ['No consent, no emails. Simple.', 'no consent, no emails'],
    ['Thats a clear violation of the TCPA.', 'a breach of the law named'],
    ['Calling my cell without consent is unlawful.', 'contact called unlawful'],
    ['I am raising it with the Information Commissioner.', 'raised with a regulator'],
    ['My solicitor will be in touch.', 'their own lawyer to be in touch'],
    ['Withdraw consent.', 'a bare withdrawal'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Do you cross-check uploaded numbers against the TPS?', 'a register screened against'],
    [
      'Quick check before we sign: how do you screen dialling lists against the Do Not Call Register?',
      'a register screened against, after a lead-in',
    ],
    [
      'Is this number on the national DNC list? My partner thinks she signed it up years ago.',
      'unsure whether the number is registered',
    ],
    ['Does your email builder add a one-click unsubscribe, like Gmail now expects?', 'a required feature'],
    ['Is the unsubscribe functionality configurable per campaign?', 'the feature asked about'],
    ['Where does the unsubscribe mechanism sit in your SMS templates?', 'the mechanism asked about'],
    ['If someone revokes consent over WhatsApp, does your system pick that up?', 'withdrawal asked about'],
    [
      'Our client was reported to the FCC by a competitor last year. Can you help us avoid that?',
      'someone else reported',
    ],
    [
      'Please stop using my Hotmail address and send things to priya@finchworks.com instead.',
      'an old address replaced',
    ],
    ["I'm not going to report you, I'm just slammed this week.", 'no report coming'],
    [
      'My lawyer will be in touch about the contract, we are ready to sign.',
      'their lawyer about the contract',
    ],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('mail landing in a spam folder is a deliverability hint, not a spam complaint', () => {
    const { scores } = readSignals(
      prepareReply({ text: 'Not a complaint, but your emails keep landing in our spam folder.' }),
    );
    expect(scores.not_interested).toBe(0);
  });

  it('not wanting a repeat of an incident is no refusal: the question is read', () => {
    const text =
      'We had a data leak with a vendor before and I do not want a repeat. Do you encrypt backups?';
    expect(classify(text).label).toBe('question');
  });

  it('a footer granting the right to complain to the regulator is no threat', () => {
    const reply = classify(
      'Sounds useful, send me the pricing.\n\nYou have the right to lodge a complaint with the Data Protection Commission.',
    );
    expect(reply.label).toBe('interested');
  });

  it.each([
    ['Fine to text me about it.', 'fine to text'],
    ['All right for you to email me the brochure.', 'all right to email'],
    ['Happy for you to send me the case studies.', 'happy for you to send'],
  ])('consent given is interest: %s (%s)', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it('asks who handles a request between the two firms: a question, no hand-over', () => {
    expect(classify('For erasure requests, who takes care of them - us or you?').label).toBe('question');
  });

  it.each([
    ['Our counsel is away until March. Could we pick this up then?', 'revisit then'],
    ['Budget approval is a next-year thing at the earliest.', 'next year at the earliest'],
    ['That is a Q3 thing at the earliest for us.', 'a quarter at the earliest'],
  ])('is a timing objection: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it('someone else makes the decisions: wrong person', () => {
    expect(classify('Software purchasing decisions are handled by our COO, not me.').label).toBe(
      'wrong_person',
    );
  });
});
