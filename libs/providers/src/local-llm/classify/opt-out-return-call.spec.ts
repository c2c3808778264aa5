import { labelReplyText } from './reply-classifier';

const label = (text: string) =>
  labelReplyText({ text, received_at: '2026-12-02T09:00:00Z', channel: 'voice' }, null).label;

describe('a return call being made, in a voicemail, is no promise to come back (fr)', () => {
  it.each([
    "oui bonjour c'est marc je vous rappelle suite à votre message alors non merci et ne m'appelez plus",
    'allô je vous recontacte concernant votre appel hein merci de ne plus me téléphoner',
  ])('is an opt-out: %s', (text) => {
    expect(label(text)).toBe('unsubscribe');
  });

  it.each([
    ['je vous rappelle la semaine prochaine, pas besoin de me relancer', 'not_now'],
    ['je vous rappellerai pour votre message après les fêtes, ne me relancez pas', 'not_now'],
  ])('a promise still is one: %s', (text, want) => {
    expect(label(text)).toBe(want);
  });
});
