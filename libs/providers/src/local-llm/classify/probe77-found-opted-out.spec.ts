import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('the writer found opted out and complaining of it is no opt-out (probe 77)', () => {
  it.each([
    [
      'Come mai non ricevo più le vostre email? Risulto cancellato dalla lista ma non ho fatto nulla.',
      'it, the probe’s shape',
    ],
    [
      "Je ne reçois plus vos mails, j'apparais comme désinscrit alors que je n'ai rien fait.",
      'fr, a sibling',
    ],
    ["Non mi arrivano più le newsletter: risulto già disiscritto ma non l'ho chiesto io.", 'it, a sibling'],
    ['Ya no me llegan sus correos. Aparezco como dado de baja y no he hecho nada.', 'es, a sibling'],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Risulto ancora iscritto, cancellatemi subito.'],
    ['I show as subscribed still. Unsubscribe me now.'],
  ])('is still an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
