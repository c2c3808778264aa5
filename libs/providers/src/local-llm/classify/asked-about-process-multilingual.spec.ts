import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' }, null);

describe('questions about the opt-out process in the seven languages and Hindi', () => {
  it.each([
    ["Pourquoi ai-je été désinscrit ? Je n'ai rien demandé.", 'fr: why it was done'],
    ["Perché sono stato cancellato dalla lista? Non l'ho chiesto io.", 'it: why it was done'],
    ['Por que fui descadastrado? Eu não pedi isso.', 'pt: why it was done'],
    ['Mujhe list se kyun hataya gaya? Maine nahi kaha tha.', 'hi: why it was done'],
    [
      'Combien de temps faut-il pour que la désinscription soit prise en compte ?',
      'fr: how long it takes to apply',
    ],
    ['Quanto tempo ci vuole perché la disiscrizione abbia effetto?', 'it: how long it takes to apply'],
    ['Quanto tempo leva para o descadastro valer?', 'pt: how long it takes to apply'],
    ['How long does it take for the unsubscribe to take effect?', 'en: how long it takes to apply'],
    ['Cosa succede ai miei dati se mi cancello?', 'it: what happens if'],
    ['Agar main unsubscribe karun toh mera data delete hoga?', 'hi: if I unsubscribe'],
    ['Est-ce que vos SMS contiennent un lien de désinscription ?', 'fr: the link contained'],
    ['Posso descadastrar só da newsletter?', 'pt: only the newsletter'],
    ['¿Funciona responder BAJA o tiene que ser STOP?', 'es: which keyword'],
    ['Funktioniert STOPP auch oder nur STOP?', 'de: which keyword'],
    ['¿Me puedo volver a suscribir después de darme de baja?', 'es: back in after'],
    ["Puis-je me réabonner après m'être désinscrit ?", 'fr: back in after'],
    ['Kann ich mich nach der Abmeldung wieder anmelden?', 'de: back in after'],
    ['STOP भेजने से क्या सिर्फ SMS बंद होंगे या ईमेल भी?', 'hi: what STOP stops'],
    ['STOP bhejne se kya email bhi band hogi?', 'hi (latin): what STOP stops'],
    ['agar main STOP bhejun to kya hoga?', 'hi (latin): what happens'],
    ['अगर मैं अनसब्सक्राइब करूं तो क्या मेरा डेटा डिलीट होगा?', 'hi: if I unsubscribe'],
  ])('%s → question (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([
    ['Pourquoi je reçois encore vos mails ? Désinscrivez-moi.', 'fr: still getting them'],
    ['Perché mi scrivete ancora? Cancellatemi.', 'it: still written to'],
    ['mera data delete kar do please', 'hi: delete my data'],
    ['Posso descadastrar?', 'pt: may I'],
    ['Can you just STOP?', 'en: the keyword, exasperated'],
    ['Will you STOP or not?', 'en: the keyword before "or"'],
    [
      'Le lien de désinscription ne marche pas, retirez-moi de la liste.',
      'fr: a broken link, then a request',
    ],
  ])('%s → unsubscribe (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
