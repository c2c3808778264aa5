import { extractReferral } from './referral';

describe('a referral keeps a name with an elided prefix or a second capital whole', () => {
  it.each([
    ["I've moved on, please contact Sean O'Neill at sean.oneill@acme.com", "Sean O'Neill"],
    ['Not my area - talk to Luca D’Amico, he runs procurement.', 'Luca D’Amico'],
    ["I no longer work here. Please reach out to Mary O'Brien.", "Mary O'Brien"],
    ['Wrong person, speak to Jamie McDonald in purchasing', 'Jamie McDonald'],
    ['Please contact DeShawn Carter (d.carter@rivermill.com) instead.', 'DeShawn Carter'],
    ["This is O'Neill's area, ask her directly.", "O'Neill"],
  ])('%s -> %s', (text, name) => {
    expect(extractReferral(text)?.name).toBe(name);
  });
});
