import { classifyReplyText, labelReplyText } from './reply-classifier';

const input = (text: string) => ({
  text,
  received_at: '2026-12-02T09:00:00Z',
  timezone: 'Asia/Kolkata',
  channel: 'sms' as const,
});
/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText(input(text), null);
/** With the trained model, as the product classifies. */
const classifyWithModel = (text: string) => labelReplyText(input(text));

describe('World English replies (probe 71)', () => {
  it.each([
    ['Sir kindly put my mobile number in your DND list, thank you', 'a number added to the DND list'],
    ['pls add me to DND. daily calls', 'added to DND'],
    ['Oga make una stop to dey call me abeg', 'Pidgin: stop to dey call me'],
    ['abeg no dey text my number again', 'Pidgin: no dey text my number'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
    expect(classifyWithModel(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Please do not add me to DND, I want the offers', 'DND refused'],
    ['Stop calling me now, I am in class. WhatsApp the brochure pls', 'busy for now, another channel'],
    ['How are you still messaging me? Which company is this?', 'how are you able to message me'],
    ['Oops I typed STOP by mistake, ignore that', 'stop sent by mistake'],
    ['Dont disturb me right now, on duty', 'a pause'],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
    expect(classifyWithModel(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Please do not disturb now, I am at the office', 'a pause, not an away notice'],
    ['busy at work, I shall call you back', 'busy now, will call back'],
  ])('is not now: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([
    ['Not required madam.', 'a bare not required'],
    ['Dear Sir, at present we are not in requirement of this software. Regards', 'not in requirement'],
    ['we are currently with a different agency for this', 'already with another vendor'],
  ])('is a refusal: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_interested');
  });

  it.each([
    ['Kindly get back to us with the revised proforma for 40 chairs', 'revert with the proforma'],
    ['Pls share detail of the scheme on my whatsapp', 'send detail of the offer'],
    ['We are happy to receive your rate card', 'glad to receive the rate card'],
    ['Na this one I wan order, how much?', 'Pidgin: I wan order'],
  ])('is interest: %s (%s)', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    ['sir pls give call when free', 'give a call'],
    ['Kindly fix a meeting with our MD sometime next week', 'fix a meeting'],
  ])('is a meeting request: %s (%s)', (text) => {
    expect(classify(text).label).toBe('meeting_request');
  });

  it('reads "kindly confirm whether" as a question', () => {
    expect(classify('Kindly confirm if the software works offline also').label).toBe('question');
  });

  it.each([
    ['Out of station upto 9th sir', '2026-12-09'],
    ['Gone to native place for a function till 14/12', '2026-12-14'],
    ['nasa province po ako, balik ko Dec 11', '2026-12-11'],
    ['Currently upcountry until Friday', '2026-12-04'],
  ])('is an away reply with its return date: %s', async (text, returnDate) => {
    const result = await classifyReplyText(input(text), null);
    expect(result.label).toBe('out_of_office');
    expect(result.return_date).toBe(returnDate);
  });

  it.each([
    ['Sorry I am not the one in charge of purchasing, speak to Mr. Okoro 0805 221 9034', '0805 221 9034'],
    ['This does not pertain to my department. Contact Faith Wanjiku, faith@tuskermills.co.ke', null],
    ['You have written to the wrong desk, I am not the concerned person', null],
    ["hindi na po ako ang purchasing, si Ma'am Joy na po", null],
  ])('is the wrong person: %s', (text, phone) => {
    const result = classify(text);
    expect(result.label).toBe('wrong_person');
    if (phone) expect(result.referral?.phone).toBe(phone);
  });

  it('reads a colleague taken off the cc beside "you can continue with me" as no wrong person', () => {
    const text =
      'Kindly drop Ramesh from the mail chain, he left the firm. You may continue with me on this.';
    expect(classify(text).label).not.toBe('wrong_person');
  });
});
