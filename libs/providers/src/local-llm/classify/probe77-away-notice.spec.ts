import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('an away notice that refuses calls for the time away in fr/pl/hi/tr is no opt-out (probe 77)', () => {
  it.each([
    [
      'Odpowiedź automatyczna: jestem na urlopie do 10.12.2026. W tym czasie proszę nie dzwonić, odpowiem po powrocie.',
      'pl, the probe’s shape',
    ],
    [
      "En congé maternité jusqu'au 4 janvier 2027. Merci de ne plus m'appeler sur ce numéro d'ici là, ma collègue reprend mes dossiers.",
      'fr, the probe’s shape',
    ],
    ['मैं 15/12 तक ऑफिस से बाहर हूँ। कृपया कॉल या व्हाट्सऐप न करें, वापस आकर जवाब दूँगी।', 'hi, the probe’s shape'],
    ['Jestem na urlopie do 14 grudnia. Proszę do mnie nie dzwonić, odezwę się po powrocie.', 'pl, a sibling'],
    ["Je suis absente jusqu'au 11 décembre. Ne m'appelez pas d'ici là, s'il vous plaît.", 'fr, a sibling'],
    ['मैं 12 दिसंबर तक छुट्टी पर हूँ, इस दौरान कृपया कॉल न करें।', 'hi, a sibling'],
    [
      'main 12 December tak chhutti pe hoon, please call mat karo, wapas aake baat karenge',
      'hi in Latin script',
    ],
    ["Otomatik yanıt: 14 Aralık'a kadar izindeyim. Bu süre içinde lütfen aramayın.", 'tr'],
  ])('is an away reply: %s (%s)', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });

  it.each([
    ['Jestem na urlopie do 10 grudnia. Proszę więcej do mnie nie pisać.', 'pl, no time named'],
    [
      "Je suis absente jusqu'au 11 décembre. Ne m'appelez plus jamais, je ne suis pas intéressée.",
      'fr, for good',
    ],
    ['मैं 12 दिसंबर तक छुट्टी पर हूँ। मुझे कोई मैसेज मत भेजिए।', 'hi, no time named'],
  ])('is still an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
