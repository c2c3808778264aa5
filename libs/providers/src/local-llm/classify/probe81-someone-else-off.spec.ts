import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('someone else taken off the list while the writer stays is no opt-out (probe 81)', () => {
  it.each([
    [
      "Please remove Mark from your mailing list, he's retired. I'm still happy to receive your updates.\n\nSue",
      'neutral',
    ],
    ["Remove Jim from your list please, he left. I'm still happy to get your emails.", 'neutral'],
    ['remove sarah from the newsletter, she left. keep me on it though', 'neutral'],
    ['take dave off the list he left. im still keen, send me the pricing', 'interested'],
    [
      'Bitte Herrn Schulz aus dem Verteiler nehmen, er ist in Rente. Ich lese Ihre Mails aber weiterhin gern.',
      'neutral',
    ],
    ['Bitte Frau Albers von der Liste streichen, sie ist nicht mehr bei uns.', 'neutral'],
    ['Podem tirar a Marta da lista, ela saiu da empresa. Eu continuo querendo receber.', 'neutral'],
    ['Potete togliere Luca dalla lista, non lavora più qui.', 'neutral'],
  ])('%s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['Take Jim off the list and me too, we both left.', 'unsubscribe'],
    ['Podem tirar o meu email da lista, obrigado.', 'unsubscribe'],
    ['Please take Dave off your list, he retired. You can contact me instead.', 'wrong_person'],
    ["Please remove Jim from your list, he's gone. Talk to me instead: Oliver, 07700 900123", 'wrong_person'],
    ["Remove me from your list, I'm still not interested.", 'unsubscribe'],
    ['Bitte nehmen Sie mich aus dem Verteiler, ich bin in Rente.', 'unsubscribe'],
  ])('keeps its label: %s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
