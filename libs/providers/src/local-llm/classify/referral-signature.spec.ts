import { extractReferral } from './referral';
import { labelReplyText } from './reply-classifier';

describe('a referral is not read from the writer’s own signature', () => {
  it('drops the phone of a signature block that opens with the writer’s name', () => {
    const r = labelReplyText({
      text:
        'I left the company in September. My successor is Dana Lowe (dana.lowe@brightmill.io).\n\n' +
        'Rob Kerr | Head of Ops\nBrightmill Ltd\nDirect: +1 (212) 555-0147',
      received_at: '2026-11-30T09:00:00Z',
    });
    expect(r.label).toBe('wrong_person');
    expect(r.referral).toEqual({ name: 'Dana Lowe', email: 'dana.lowe@brightmill.io', phone: null });
  });

  it.each([
    ['Not me, try Dana Lowe at dana@brightmill.io. Thanks, Rob Kerr +1 212 555 0147', 'an inline sign-off'],
    ['Not my area, ask Dana Lowe in finance. -- Rob Kerr, 07700 900555', 'an inline "--"'],
    ['I left in June. Dana Lowe runs this now.\nThanks, Rob\nMobile: 07700 900555', 'a "Thanks, Rob" line'],
  ])('drops the phone after %s (%s)', (text) => {
    expect(extractReferral(text)?.phone ?? null).toBeNull();
  });

  it.each([
    [
      'Wrong person. Please contact my colleague:\n\nDana Lowe | Procurement\nDirect: +1 212 555 0147',
      '+1 212 555 0147',
    ],
    [
      'I am not the right person, please talk to Dana Lowe (dana@brightmill.io, +44 20 7946 0958).',
      '+44 20 7946 0958',
    ],
    ['The landlord is Peter Nash, 07700 900412', '07700 900412'],
  ])('keeps the phone of the person handed over to: %s', (text, phone) => {
    expect(extractReferral(text)?.phone).toBe(phone);
  });
});
