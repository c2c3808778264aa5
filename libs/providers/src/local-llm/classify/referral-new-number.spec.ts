import { extractReferral } from './referral';

describe('a referral names the contact whose number changed (probe 34)', () => {
  it.each([
    ['Lena hat eine neue Nummer: 0176 1234567', 'Lena', '0176 1234567'],
    ['O Ricardo trocou de número, o novo é (11) 98765-4321', 'Ricardo', '(11) 98765-4321'],
    ['Dave changed his number, this is mine now. His new one is 07700 900461', 'Dave', '07700 900461'],
    ["That's my work phone. Ask for Deepa on the main line, 020 7946 0999", 'Deepa', '020 7946 0999'],
  ])('%s -> %s, %s', (text, name, phone) => {
    expect(extractReferral(text)).toEqual({ name, email: null, phone });
  });

  it('the person the message was meant for is named when their new address is given', () => {
    expect(extractReferral("I'm not Nadia, I'm her old flatmate. She's nadia.r@gmail.com now")).toEqual({
      name: 'Nadia',
      email: 'nadia.r@gmail.com',
      phone: null,
    });
  });

  it('nor named when no new contact is given', () => {
    expect(extractReferral('Wrong number, this is Tasha not Greg. good luck finding him')).toBeNull();
  });
});
