import { extractReferral } from './referral';

describe('a referral names the person as chat replies write them (probe 43)', () => {
  it.each([
    ['Pas le bon contact, contactez plutot Claire Fontaine claire.f@fontaine-bois.fr', 'Claire Fontaine'],
    ['Nicht meine Baustelle, kontaktieren Sie lieber Jonas Keller: j.keller@keller-ag.ch', 'Jonas Keller'],
    ['nn è roba mia, chiedi a Paola Greco in amministrazione', 'Paola Greco'],
    ['Scrivete a Davide Ferri, segue lui gli acquisti', 'Davide Ferri'],
    ['niet mijn afdeling, bel even naar Femke op 06 98765432', 'Femke'],
    ['not me, talk to sarah kent at sarah.kent@brightfield.co', 'sarah kent'],
  ])('%s -> %s', (text, name) => {
    expect(extractReferral(text)?.name).toBe(name);
  });

  it.each([
    'Not the right person. Try sales@brightfield.co instead',
    'wrong team, email procurement at procurement@brightfield.co',
    'try maybe the front desk: info@brightfield.co',
  ])(
    'names nobody where the lower-case words are not spelled in the address or are the address: %s',
    (text) => {
      expect(extractReferral(text)?.name).toBeNull();
    },
  );
});
