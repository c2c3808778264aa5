import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe("an away notice's footer telling readers in the infinitive how to unsubscribe is no opt-out (probe 77)", () => {
  it.each([
    [
      "Risposta automatica: il mio indirizzo email è cambiato, scrivetemi a l.ferri@officineferri.it. Sono comunque in ferie fino all'8 dicembre.\n\nPer disiscriversi dalla newsletter rispondere CANCELLA.",
      'it, the probe’s shape',
    ],
    [
      'Sono in ferie fino al 9 dicembre.\n\nPer disiscriversi dalla newsletter rispondere CANCELLA.',
      'it, a sibling',
    ],
    [
      "Je suis absent jusqu'au 10 décembre.\n\nPour se désinscrire de la lettre d'information, répondre STOP.",
      'fr',
    ],
    [
      'Estoy fuera hasta el 10 de diciembre.\n\nPara darse de baja del boletín, responder BAJA a este correo.',
      'es',
    ],
  ])('is an away reply: %s (%s)', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });

  it.each([
    ['Per disiscrivermi cosa devo rispondere?', 'it, the writer asks how'],
    ['Do not contact', 'a bare order, not a question about contacts'],
    [
      'Ta bort mig från er lista, tack. Jag är på semester till januari, men vill inte ha detta när jag kommer tillbaka heller.',
      'sv, not after the return either',
    ],
  ])('is still an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
