import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('opt-out words aimed at something else, reported or hypothetical (probe 48)', () => {
  it.each([
    [
      "We unsubscribed from the old vendor's newsletter, it was stale. Yours is better, send me the webinar link.",
      'another vendor',
    ],
    [
      "Je me suis désinscrit de l'ancienne plateforme hier. On peut tester la vôtre ?",
      'fr: the old platform',
    ],
    [
      'Abbiamo detto al vecchio fornitore di non chiamarci più. Ora partiamo con voi: cosa vi serve?',
      'it: told the old vendor',
    ],
    [
      'Wir haben unserem bisherigen Dienstleister gesagt, er soll uns nicht mehr anrufen. Wann können wir starten?',
      'de: told the old provider',
    ],
    [
      "Our IT department told everyone to unsubscribe from vendor mailers, but I'd like to stay on yours.",
      'a department said it',
    ],
    [
      "If the emails ever get too frequent I'll just unsubscribe, no drama. For now they're fine.",
      'a hypothetical of the writer',
    ],
    ['Se um dia eu cansar, eu me descadastro. Por enquanto pode mandar.', 'pt: a hypothetical'],
    [
      'Wenn es mir zu viel wird, antworte ich STOP. Bis dahin gerne weiter.',
      'de: the keyword named as what they would send',
    ],
    [
      'Nossos alunos pedem para poder se descadastrar dos avisos por SMS. Vocês fazem isso?',
      'pt: their own students',
    ],
    [
      'Ich wollte mich schon abmelden, aber dann kam Ihr Artikel. Schicken Sie mir mehr.',
      'de: an intention given up',
    ],
    ['Kunt u het oude adres sales@ afmelden? Dit adres werkt wel.', 'nl: an old address replaced'],
    ["We've unsubscribed from every vendor newsletter this year except yours.", 'the writer keeps ours'],
    [
      'Mi hija me dijo que si contesto BAJA dejáis de escribirme. No hace falta, gracias por la info.',
      'es: a report opens the clause',
    ],
    [
      "Notre ancien outil écrivait encore aux désinscrits, c'est pour ça qu'on cherche. Vous faites mieux ?",
      'fr: the people who opted out, named',
    ],
    ['Les STOP de nos patients, vous les gérez comment ?', 'fr: the keyword named as a thing'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ["Je vous prie d'arrêter aussi les relances.", 'fr: stop the reminders too'],
    ['Stellen Sie bitte auch die Anrufe ein.', 'de: stop the calls too'],
    ['então me tira daqui', 'pt: take me off'],
    ["I'd rather you simply deleted my details.", 'would rather be removed'],
    ["Don't just remove me, remove everyone in accounts.", 'more than the writer'],
    ['PARE. E avisem o parceiro de vocês também.', 'pt: the keyword first, then a third party'],
    ["If you text me one more time I'll block you.", 'a threat, not a hypothetical'],
    ['My boss told me to unsubscribe from vendors, so please remove me.', 'reported, then asked'],
    ['Si vous continuez, je me désinscris.', 'fr: a threat'],
    ['Remove me and my colleague from your list, please.', 'the writer and a colleague'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it('reads "the wrong number of …" as a miscount, not a wrong person', () => {
    expect(classify('Sorry, I ordered the wrong number of licences, please fix the invoice.').label).not.toBe(
      'wrong_person',
    );
  });

  it('reads "melde ich mich einfach ab" as signing off, not as a promise to come back', () => {
    expect(classify('Falls es mir zu viel wird, melde ich mich einfach ab.').label).not.toBe('not_now');
  });
});
