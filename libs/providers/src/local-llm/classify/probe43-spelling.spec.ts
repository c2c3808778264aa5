import { normaliseText } from './normalise-text';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('opt-outs typed as people type them in European languages (probe 43)', () => {
  it.each([
    ['Cessez de me texter, merci', 'fr-CA: stop texting me'],
    ['svp ne plus me texter a ce numero', 'fr-CA: an instruction without its subject'],
    ['SVP NE ME TEXTEZ PLUS', 'fr-CA: shouted'],
    ["j'veux pu de vos pubs", 'fr chat: no "ne", "pu" for plus'],
    ['Effacez mon tel de vos fichiers svp', 'fr: forget my phone, shortened'],
    ['Je ne veut plus recevoir vos mails', 'fr: "veut" for "veux"'],
    ['Bitte schreibt mir nicth mehr', 'de: two letters swapped'],
    ['Losed, hört uf eus z mailen', 'de-CH: stop mailing us'],
    ['Schickt mir nüm bitte', 'de-CH: send me nothing any more'],
    ['Lossts mi endlich in Ruah', 'de-AT: leave me alone'],
    ['NN CONTATTATE PIU QST NUMERO', 'it: shouted chat shorthand'],
    ['non chiamate più, grazie', 'it: the negative imperative to several people'],
    ['Stuur naar dit nummer niets meer aub', 'nl: send nothing to this number any more'],
    ['no mas mesnajes porfa', 'es: two letters swapped'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['no me interesa x ahora, escribime en abril', 'not_now'],
    ['non mi interessa per ora, richiamatemi a gennaio', 'not_now'],
    ['no me interesa x ahora, escribanme despues de reyes', 'not_now'],
    ['no me interesa por ahora, gracias', 'not_interested'],
    ['nid grad jetzt, sorry', 'not_now'],
    ['Ned jetzt, vielleicht nach Ostern', 'not_now'],
    ['x favore mandatemi il listino', 'interested'],
    ['stuur me meer info', 'interested'],
    ['Ich kann morgen nicht, aber hört bitte nicht auf, mir zu schreiben', 'interested'],
  ])('reads the look-alike as it is meant: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ["je veux plus d'infos sur vos tarifs", 'fr: wants more information'],
    ['non scrivete più di due volte al mese, grazie', 'it: not more than twice a month'],
    ['Ned from accounting here, who is this?', 'en: a name, no German "now"'],
    ['Hört uf mit dem Gschwätz und ruefed mi aa', 'de-CH: stop the chatter and call me'],
    ['non chiamate più il fisso, usate il cellulare 333 1234567', 'it: moves to another phone'],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('folds European chat shorthand and sound-alike spelling, and leaves the rest', () => {
    expect(normaliseText('nn mandate piu msg a qst numero')).toBe('non mandate piu message a questo numero');
    expect(normaliseText('no me interesa x ahora')).toBe('no me interesa por ahora');
    expect(normaliseText("j'veux plus, je veut rien")).toBe('je veux plus, je veux rien');
    expect(normaliseText('schreibt mir nciht mehr')).toBe('schreibt mir nicht mehr');
    expect(normaliseText('vous pouvez peut-être appeler Marc')).toBe('vous pouvez peut etre appeler marc');
    expect(normaliseText('x 5 utenti')).toBe('x 5 utenti');
  });
});
