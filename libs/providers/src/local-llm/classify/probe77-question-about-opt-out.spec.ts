import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('questions about opting out in the other languages are questions, not opt-outs (probe 77)', () => {
  it.each([
    ['Depuis quand suis-je désinscrit ? Je ne reçois plus rien et je n’ai rien demandé.', 'fr, since when'],
    ['Seit wann bin ich abgemeldet? Ich bekomme nichts mehr.', 'de, since when'],
    ['Da quando sono disiscritto? Non ricevo più niente.', 'it, since when'],
    ['unsubscribe hone ke baad dobara subscribe kaise karte hain?', 'hi, coming back'],
    ['list se hatne ke baad phir se join kaise karun?', 'hi, coming back, a sibling'],
    ["Welk woord moeten klanten terugsturen om geen sms'jes meer te krijgen?", 'nl, customers'],
    ['Wat moeten patiënten sturen om geen herinneringen meer te ontvangen?', 'nl, patients'],
    ['Que doivent envoyer nos clients pour ne plus recevoir les SMS ?', 'fr, clients'],
    [
      '¿Qué pasa con los contactos que responden BAJA? ¿Se les deja de escribir automáticamente?',
      'es, done automatically',
    ],
    ['Les messages s’arrêtent automatiquement quand quelqu’un se désinscrit ?', 'fr, done automatically'],
    ['आपके सिस्टम में कोई ग्राहक STOP भेजे तो क्या मैसेज अपने आप बंद हो जाते हैं?', 'hi, a customer'],
  ])('is a question: %s (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([
    ['Kunnen jullie me uit het bestand halen?', 'nl'],
    ['Können Sie mich bitte aus dem Verteiler nehmen?', 'de'],
    ['Puoi cancellarmi automaticamente dalla lista?', 'it, the writer as object'],
    ['Mijn klanten klagen ook: kunnen jullie stoppen met mailen?', 'nl, customers named but the writer asks'],
  ])('is still an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
