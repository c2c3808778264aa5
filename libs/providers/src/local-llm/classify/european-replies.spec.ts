import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('refusals, asks to buy, asks when to talk and non-committal replies in es/fr/de/it/nl/pt (probe 20)', () => {
  it.each([
    'Não me interessa mesmo.',
    "Ce n'est plus pertinent pour notre équipe.",
    'Dat is niks voor ons.',
    'Helaas, niets voor mij.',
  ])('is a refusal: %s', (text) => {
    expect(classify(text).label).toBe('not_interested');
  });

  it.each([
    'Come posso attivarlo?',
    'Como faço para contratar o plano?',
    '¿Cómo lo contrato?',
    'Comment fait-on pour souscrire ?',
    'Wie können wir das bestellen?',
    'Hoe kan ik me aanmelden?',
  ])('asks how to buy, which is interest: %s', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    'Me interesa. ¿Cuándo hablamos?',
    'Interessa-me. Quando falamos?',
    'Mi interessa, quando ne parliamo?',
    "Ça m'intéresse, on s'appelle quand ?",
    'Klingt interessant, wann sprechen wir?',
    'Interessant, wanneer bellen we?',
  ])('is keen and asks when to talk: %s', (text) => {
    expect(classify(text).label).toBe('meeting_request');
  });

  it.each([
    'Gracias, lo miro y te digo.',
    'Vou dar uma olhada, valeu.',
    'Lo miro y te cuento, gracias.',
    'Valeu, vou dar uma olhada e te falo.',
    'Ik kijk er even naar.',
    'Ik lees het straks even.',
  ])('is non-committal: %s', (text) => {
    expect(classify(text).label).toBe('neutral');
  });
});
