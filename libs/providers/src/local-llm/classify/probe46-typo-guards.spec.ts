import { normaliseText } from './normalise-text';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('typos in the words guards and negations read (probe 46)', () => {
  it.each([
    ['kien interesse und bitte keine nachrichen mehr', 'de: "kien", "nachrichen"'],
    ['no me yamen mas a este numero', 'es: "yamen" for llamen'],
    ['no quiero resivir mas mensages', 'es: "resivir", "mensages"'],
    ['Ik wil geen berichen meer ontvagen', 'nl: "berichen", "ontvagen"'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['didnt mean to hit unsubscibe, sorry! still want these', 'neutral'],
    ['Hab nie gesagt, dass ich mich abmelden will', 'neutral'],
    ["Je veux pas me désinscrire, c'était une erreur", 'neutral'],
    ['No quiero darme de baja, sigan mandando', 'interested'],
    ['me retirez pas svp, je lis tout', 'interested'],
    ['No me manden mas las promociones, pero el boletin si lo quiero seguir recibiendo', 'neutral'],
    ['how do i unsubscibe if we ever need to?', 'question'],
    ['Out of offce, back 9 Dec - dont want to be bothered with work till then', 'out_of_office'],
    ['Im Urluab bis zum 9.12.', 'out_of_office'],
    ['on holliday until 8 Dec', 'out_of_office'],
    ['Sono in feire fino al 10 dicembre', 'out_of_office'],
  ])('reads the look-alike as it is meant: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it('does not read one mailing refused for another kept as an opt-out (fr)', () => {
    expect(
      classify("Ne m'envoyez plus les relances pour les événements, la newsletter me va bien").label,
    ).not.toBe('unsubscribe');
  });

  it('reads a negation typed without its apostrophe as one, not the French "dont"', () => {
    expect(normaliseText('pls dont remove me, i didnt ask')).toBe('please do not remove me, i did not ask');
    expect(normaliseText('les messages dont je parle')).toBe('les messages dont je parle');
  });

  it('keeps the Polish "numer" and the Spanish subjunctive "interese"', () => {
    expect(normaliseText('usunac moj numer')).toBe('usunac moj numer');
    expect(normaliseText('wrong numer')).toBe('wrong number');
    expect(normaliseText('no creo que me interese')).toBe('no creo que me interese');
    expect(normaliseText('pas interesé')).toBe('pas interesse');
  });
});
