import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe("an away notice asking to take the writer off a list is an opt-out, whatever it points to (probe 79's leftover)", () => {
  it.each([
    "I'm out of the office until 12 January. Please unsubscribe me from this list, and for anything urgent write to bob@acme.com.",
    'Away until 4 Jan. Remove me from your mailing list please - urgent matters to ops@harbourline.co.uk.',
    'On leave until the 20th. Take me off this list; I will reply to everything else when I am back.',
    "Je suis absent jusqu'au 12 janvier. Désinscrivez-moi de cette liste svp, pour toute urgence écrivez à bob@acme.fr.",
    'Estoy fuera hasta el 12 de enero. Denme de baja de esta lista, para urgencias escriban a bob@acme.es',
  ])('opts out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    [
      "I'm on leave until 12 January. To unsubscribe from our newsletter, write to privacy@acme.com.",
      'how to, for readers',
    ],
    ["Out of office until Monday. Please don't unsubscribe me, I'll answer when I'm back.", 'asks to stay'],
    ['Estoy de vacaciones hasta el 08/01, no me llamen, contesto a la vuelta.', 'calls refused while away'],
    [
      'Estoy de baja por maternidad hasta febrero. Por favor no me escriban a este correo, escriban a info@casaverde.es.',
      'another address while away',
    ],
  ])('is an away reply: %s (%s)', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });
});
