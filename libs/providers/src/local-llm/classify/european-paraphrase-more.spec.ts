import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('Paraphrases in the six European languages (probe 27)', () => {
  it.each([
    ['Wir wünschen keinerlei Kontakt mehr mit Ihnen.', 'de: no contact at all any more'],
    ['Ich will keinen weiteren Kontakt mit Ihrer Firma, danke.', 'de: no further contact'],
    ['Wij willen geen mails en aanbiedingen meer.', 'nl: no more of two things'],
    ['Ik hoef geen sms jes of telefoontjes meer, dank u.', 'nl: no more of two channels'],
    ['Por favor no sigan mandándome correos.', 'es: do not keep sending'],
    ['Não continuem me mandando propaganda.', 'pt: do not keep sending'],
    ['Ne continuez pas à nous envoyer vos offres.', 'fr: do not keep sending'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Il link per disiscriversi è rotto, ve lo segnalo.',
    'El enlace para darse de baja da error 404.',
    'Ich habe keinen Kontakt mehr zu Herrn Braun, er ist in Rente.',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Der Link zum Abbestellen funktioniert nicht. Ist das bekannt?', 'question'],
    ['De knop om je af te melden werkt niet, wisten jullie dat?', 'question'],
    ['Il link per cancellarti dalla lista dà errore, lo sapevate?', 'question'],
    ['Por favor no nos den de baja, nos sirve mucho. ¿Tienen tarifa para ONG?', 'interested'],
    ['Bitte nicht abmelden! Das ist spannend. Gibt es eine Testphase?', 'interested'],
    ['Continuez à m’envoyer vos études de cas. Vous avez une offre pour les PME ?', 'interested'],
    ['Continuate a inviarmi le novità, sono preziose. Quanto costa la licenza?', 'interested'],
    ['Blijf me vooral de nieuwsbrief mailen. Hoe werkt de koppeling met Exact?', 'interested'],
    ['Sigan mandándome las guías. ¿Tienen integración con Holded?', 'interested'],
    ['Nós só teremos verba a partir do terceiro trimestre.', 'not_now'],
    ['Solo tendremos presupuesto en el segundo semestre, la verdad.', 'not_now'],
    ['Volte a contactar-me depois, agora estou em auditoria.', 'not_now'],
    ['Sentiamoci verso marzo, grazie.', 'not_now'],
    ['Al momento non abbiamo tempo per valutarlo.', 'not_now'],
    ['Sentiamoci giovedì alle 10 per la demo.', 'meeting_request'],
  ])('%s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
