import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('plain-worded opt-outs in de/fr/pt/nl/hi are opt-outs (probe 77)', () => {
  it.each([
    [
      'Das war die letzte Nachricht, die ich von Ihnen bekommen möchte.\n\nMit freundlichen Grüßen\nJonas Weber',
      'de, the last message wanted',
    ],
    ['Dies ist die letzte Mail, die ich von euch lesen will.', 'de, a sibling'],
    ["C'est le dernier message que je veux recevoir de votre part.", 'fr, a sibling'],
    ['Dit was het laatste bericht dat ik van jullie wil ontvangen.', 'nl, a sibling'],
    ['Chega de e-mail, obrigado.', 'pt, enough of the e-mails'],
    ['Chega dessas mensagens, por favor.', 'pt, a sibling'],
    ["Bonjour, pas la peine de m'écrire à nouveau. Bonne journée.", 'fr, no point writing again'],
    ["Plus la peine de m'envoyer d'autres messages.", 'fr, a sibling'],
    ['Tem como me tirar desse envio?', 'pt, a way to take me off, asked'],
    ['Tem como parar de me mandar essas promoções?', 'pt, a sibling'],
    ['mujhe is list se kaise hatna hai?', 'hi, how to get off the list'],
    ['mujhe aapki list se kaise nikalna hai', 'hi, a sibling'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Das war die letzte Nachricht von Ihnen, die ich vor dem Urlaub lese – ab Januar gern mehr.', 'not_now'],
    ['Pas la peine de m’appeler, je vous envoie le devis signé demain.', 'interested'],
    ['Tem como me mandar o catálogo?', 'interested'],
    ['mujhe is list mein kaise add karein?', 'question'],
  ])('is no opt-out: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
