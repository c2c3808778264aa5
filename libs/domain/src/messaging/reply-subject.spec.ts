import { replySubject } from './reply-subject';

describe('replySubject', () => {
  it.each([
    ['Offer', 'Re: Offer'],
    ['Re: Offer', 'Re: Offer'],
    ['Re: Re: AW: Offer', 'Re: Offer'],
    ['RE[2]: Offer', 'Re: Offer'],
    ['Re(3): Offer', 'Re: Offer'],
    ['Fwd: FW: Offer', 'Re: Offer'],
    ['Sv: Antw: Offer', 'Re: Offer'],
    ['WG: VS: Odp: TR: RIF: R: RES: ENC: Offer', 'Re: Offer'],
    ['re : aw:Offer', 'Re: Offer'],
    ['AW：Angebot', 'Re: Angebot'],
    ['  Re:   Offer  ', 'Re: Offer'],
  ])('answers %j under %j', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });

  it('keeps what only looks like a prefix inside the subject, or a word that starts like one', () => {
    expect(replySubject('Offer: Re: pricing')).toBe('Re: Offer: Re: pricing');
    expect(replySubject('Review: Q3 numbers')).toBe('Re: Review: Q3 numbers');
    expect(replySubject('Fwding plans')).toBe('Re: Fwding plans');
    expect(replySubject('Trip: Lisbon')).toBe('Re: Trip: Lisbon');
  });

  it('answers a subject of prefixes only as "Re:"', () => {
    expect(replySubject('Re: Fwd:')).toBe('Re:');
  });
});
