import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' }, null);

describe('an away notice that asks for quiet during the time away only, and Dutch "bel me alsjeblieft niet"', () => {
  it.each([
    [
      'On leave until Jan 6. Please remove me from any meeting invites during this time.',
      'en: during this time',
    ],
    [
      "I'm on sabbatical until March 2027 and have unsubscribed from everything for the duration. I'll resubscribe when I'm back.",
      'en: for the duration',
    ],
    [
      "Out of office: I'm away from Dec 20 to Jan 3. During that time please do not text me, I won't reply.",
      'en: during that time, first',
    ],
    [
      'Sono in ferie fino al 6 gennaio: per favore non chiamatemi in questo periodo.',
      'it: in questo periodo',
    ],
    ['Ik ben met vakantie tot 8 januari. Bel me alsjeblieft niet in die periode.', 'nl: in die periode'],
    ['मैं 15 दिसंबर तक छुट्टी पर हूं, तब तक कॉल मत कीजिए।', 'hi: until then'],
    ['main 20 tak chutti pe hoon, tab tak call mat karna', 'hi (latin): until then'],
    [
      'Estoy de viaje hasta el lunes, por favor no me llamen, respondo los correos a la vuelta.',
      'es: mail answered on return',
    ],
    [
      'Sono in viaggio fino a lunedì, per favore non chiamatemi, leggerò le mail al rientro.',
      'it: mail read on return',
    ],
    [
      'Ik ben tot maandag op reis, bel me alsjeblieft niet, ik lees mijn mail als ik terug ben.',
      'nl: mail read on return',
    ],
    [
      'Respuesta automática: estoy fuera de la oficina hasta el 10/12. Si desea darse de baja de nuestro boletín, responda BAJA.',
      "es: the notice's instruction to its readers",
    ],
    [
      'Automatisch antwoord: ik ben afwezig tot 13 december. Wilt u geen berichten meer ontvangen? Klik dan hier.',
      "nl: the notice's instruction, asked",
    ],
  ])('%s → out_of_office (%s)', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });

  it.each([
    ["I'm away until Jan 5. While I'm away and after, please remove me from your list.", 'en: and after'],
    [
      "Out until the 9th. Please unsubscribe me, I won't want these when I'm back either.",
      'en: no time named',
    ],
    ['Bel me alsjeblieft niet.', 'nl: please do not call me'],
    ['Bel me a.u.b. niet meer', 'nl: a.u.b.'],
    ['Mail me voortaan niet meer.', 'nl: from now on'],
    ['No me llamen más, no me interesa.', 'es: no return named'],
    ['कॉल मत कीजिए', 'hi: do not call'],
    ["Remove me from your list, I'm away till I get back from leave anyway.", 'the return beside the point'],
    ['Si desea darme de baja, responda a este correo confirmándolo.', 'es: the writer as the one removed'],
  ])('%s → unsubscribe (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Stop emailing me till I get back from leave in March.', 'a pause to the return, its words guarded'],
    ['Stop emailing me till I get back.', 'a pause to the return'],
  ])('%s → not_now (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([['Bel me maar morgen.'], ['Bel me dan even.']])('%s stays a call asked for', (text) => {
    expect(classify(text).label).toBe('meeting_request');
  });
});
