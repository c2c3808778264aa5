import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-06T09:00:00Z' }, null);

describe('opt-outs asked as questions, about procedure or on behalf, and real questions (probe 61)', () => {
  it.each([
    [
      'Could you treat this email as my unsubscribe request, please?',
      'en: this reply counted as the opt-out',
    ],
    ['Will this message count as opting out, or is there a form?', 'en: whether this counts'],
    ['¿Podéis considerar este correo como mi baja?', 'es: this reply counted as the opt-out'],
    ['Potete trattare questa mail come richiesta di cancellazione?', 'it: this reply counted as the opt-out'],
    ['How many more times do I need to ask to be unsubscribed?', 'en: how many times'],
    ['Wie oft muss ich eigentlich noch um Austragung bitten?', 'de: how many times'],
    ['Quantas vezes preciso pedir pra me tirarem da lista?', 'pt: how many times'],
    ['Dove devo cliccare perché queste email smettano?', 'it: where to click so these stop'],
    ['Waar klik ik zodat deze mails stoppen?', 'nl: where to click so these stop'],
    ['Gibt es eine Möglichkeit, Ihre Newsletter nicht mehr zu erhalten?', 'de: a way not to get these'],
    ['¿Hay alguna manera de dejar de recibir sus mensajes?', 'es: a way not to get these'],
    ['Is er een mogelijkheid om jullie nieuwsbrieven niet meer te krijgen?', 'nl: a way not to get these'],
    ['come si fa a non ricevere più queste newsletter?', 'it: how not to get these'],
    ['cómo me quito de esta lista?', 'es: how to get off this list'],
    ['Il link non va. Mi potreste cancellare voi?', 'it: taken off by hand'],
    ['O botão de sair não funciona, podem me descadastrar?', 'pt: taken off by hand'],
    ["Ma femme s'est déjà désinscrite. Vous pouvez me désinscrire aussi ?", 'fr: the writer added'],
    ['Mia moglie si è cancellata ieri, potete disiscrivere anche me?', 'it: the writer added'],
    ['My manager already opted out of these - could you do the same for me?', 'en: the same for the writer'],
    ['Sorry to be blunt, I just want out.', 'en: wants out'],
    ['Can you confirm that my email has been deleted from your system?', 'en: removal confirmed, asked'],
    ['Further to my earlier message asking to be unsubscribed: has it been done?', 'en: earlier request'],
    [
      'Mein Sekretariat hat Sie gebeten, mich aus dem Verteiler zu nehmen. Ist das passiert?',
      'de: earlier request made for the writer',
    ],
    [
      'Mi secretaria les pidió que me borraran de la base de datos. ¿Lo hicieron?',
      'es: earlier request made for the writer',
    ],
    ["Je m'occupe des mails de mon père : il ne souhaite plus recevoir vos offres.", 'fr: relayed wish'],
    ['Namens mevrouw Jansen: wilt u haar uit het bestand verwijderen?', 'nl: on behalf'],
    ['She has asked not to be emailed about this again. - Office of Dr Byrne', 'en: relayed wish'],
    ['Neither of us needs these, thanks.', 'en: neither of us'],
    ["Is there an opt-out link anywhere? I can't find one.", 'en: the link looked for'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Does STOP also block WhatsApp messages, or just SMS?', 'question', 'en: the keyword as a subject'],
    ['STOP blocca anche le chiamate?', 'question', 'it: the keyword as a subject'],
    ['¿STOP también cubre WhatsApp?', 'question', 'es: the keyword as a subject'],
    ['Besides STOP, which words do you recognise?', 'question', 'en: the keyword named'],
    [
      'Kann meine Kollegin das Team-Postfach abmelden, ohne dass ich betroffen bin?',
      'question',
      'de: a colleague able to',
    ],
    ["Mon associé peut-il désinscrire l'adresse commune ?", 'question', 'fr: a partner able to'],
    [
      'Meu sócio pode descadastrar o e-mail do escritório sem afetar o meu?',
      'question',
      'pt: a partner able to',
    ],
    [
      'A secretária descadastrou a empresa inteira sem querer. Eu quero continuar recebendo, me mandem o catálogo.',
      'interested',
      'pt: the secretary did it',
    ],
    [
      'Our co-founder is not interested, but I am. Could you send the pricing?',
      'interested',
      'en: someone else refuses',
    ],
    ['Mi socio no le interesa, pero a mí sí. ¿Me mandáis precios?', 'interested', 'es: someone else refuses'],
    [
      'Mein Partner hat kein Interesse, aber ich schon. Schicken Sie mir die Preise?',
      'interested',
      'de: someone else refuses',
    ],
    ['Wie lange dauert es, bis eine Abmeldung wirksam ist?', 'question', 'de: one opt-out processed'],
    ['Quanto tempo demora até um descadastro ser processado?', 'question', 'pt: one opt-out processed'],
    [
      "I'm not the right person for opt-out requests - please write to Maria Lopez (maria.lopez@verdana.io).",
      'wrong_person',
      'en: opt-outs as a topic',
    ],
    ['Thanks for confirming my address has been removed.', 'neutral', 'en: a removal confirmed'],
    ["Please remove my wife's mobile from your list, keep mine though.", 'neutral', 'en: someone else off'],
    ['Veuillez désinscrire mon mari, moi je reste abonnée.', 'neutral', 'fr: someone else off'],
  ])('is not an opt-out: %s → %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
