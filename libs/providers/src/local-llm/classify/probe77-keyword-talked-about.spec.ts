import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('the STOP keyword talked about in a question is not sent (probe 77)', () => {
  it.each([
    ['Müşteri STOP yazarsa mesajlar otomatik olarak durur mu?', 'tr, a customer sends it'],
    ['Bir müşteri STOP gönderirse ne oluyor?', 'tr, a sibling'],
    ['Do you honour opt-outs across channels, e.g. STOP on SMS also stops email?', 'an example'],
    ['Does your tool catch variants, for example STOP ALL or stop pls?', 'an example, a sibling'],
    [
      'È possibile cambiare la parola chiave per la disiscrizione da STOP a BASTA?',
      'it, a change of keyword',
    ],
    ['Can we switch the keyword from STOP to END for Australia?', 'a change of keyword'],
    ['¿Se puede cambiar de BAJA a STOP la palabra de los SMS?', 'es, the keyword as the new one'],
  ])('is a question: %s (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([['STOP'], ['Bitte STOP. Keine Nachrichten mehr.'], ['STOP to all of this']])(
    'is still an opt-out: %s',
    (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    },
  );
});
