import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' }, null);

describe('a bare stop, then a refusal after a comma or a dash, in the seven languages', () => {
  it.each([
    ['Stop, not interested.', 'en'],
    ['Stop - not interested', 'en: a dash'],
    ['Basta, no me interesa.', 'es'],
    ['Para, no me interesa.', 'es: para'],
    ['Arrêtez, pas intéressé.', 'fr'],
    ['Basta, non mi interessa.', 'it'],
    ['Chega, não tenho interesse.', 'pt'],
    ['Stopp, kein Bedarf.', 'de'],
    ['Geen interesse, stop maar.', 'nl: stop maar'],
    ['Stop maar met mailen.', 'nl: stop maar met'],
    ['Hou maar op met mailen.', 'nl: hou maar op met'],
  ])('%s → unsubscribe (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Para, quanto custa?', 'pt: a question'],
    ['Basta, mi avete convinto: chiamatemi.', 'it: convinced'],
    ['Para, para, me interesa mucho!', 'es: keen'],
    ['Pare, não acredito, é exatamente o que precisamos!', 'pt: surprise'],
    ['Para, no puede ser, justo lo que buscaba. Llámame.', 'es: surprise'],
    ['Stop maar met twijfelen, we tekenen!', 'nl: stop doubting'],
  ])('%s → not an opt-out (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
