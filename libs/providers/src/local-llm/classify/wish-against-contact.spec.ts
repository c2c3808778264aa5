import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' }, null);

describe('the writer does not want the sender to contact them', () => {
  it.each([
    ["I don't want you to contact me anymore.", 'en'],
    ['I do not want you to contact me.', 'en: no "anymore"'],
    ["I don't want you contacting me.", 'en: gerund'],
    ["We don't want your company calling us.", 'en: the company'],
    ["I'm not interested and I don't want you to contact me anymore.", 'en: beside not interested'],
    ['Je ne veux pas que vous me contactiez.', 'fr'],
    ['Ich möchte nicht, dass Sie mich noch einmal anrufen.', 'de'],
    ['Non voglio che mi chiamiate.', 'it'],
    ['Não quero que vocês me contatem.', 'pt'],
    ['Ik wil niet dat jullie me nog bellen.', 'nl'],
    ['Main nahi chahta ki aap mujhe call karein.', 'hi (latin)'],
    ['मैं नहीं चाहता कि आप मुझे कॉल करें।', 'hi'],
    ['Hör auf.', 'de: stop (singular)'],
    ['Hört auf damit.', 'de: stop it'],
    ['These messages are unwelcome.', 'the messages unwelcome'],
    ['Your messages are not welcome here.', 'not welcome'],
    ['I decline further contact.', 'further contact declined'],
    ["Don't waste your time texting me.", 'no point texting'],
    ['Pretend you never got my number.', 'the number forgotten'],
    ['How is this legal? I never opted in.', 'never opted in'],
    ['I never agreed to receive these.', 'never agreed'],
    ['I did not opt in.', 'did not opt in'],
    ["I didn't ask for this and I don't want it.", 'did not ask for this'],
    ['No me interesa recibir esto.', 'es: not interested in receiving'],
    ['Non mi interessa ricevere queste cose.', 'it: not interested in receiving'],
    ['Não tenho interesse em receber isso.', 'pt: no interest in receiving'],
    ['Je ne suis pas preneur de ces messages.', 'fr: not a taker'],
    ["Je n'ai pas besoin de vos messages.", 'fr: not needed'],
    ['Ich brauche Ihre Nachrichten nicht.', 'de: not needed'],
    ['Das will ich nicht bekommen.', 'de: not wanted'],
    ['Ik heb geen behoefte aan deze berichten.', 'nl: no need'],
    ["Vos mails ne m'intéressent pas, arrêtez.", 'fr: stop, after a comma'],
    ['Arrêtez.', 'fr: stop (bare)'],
    ['Parem!', 'pt: stop (bare)'],
    ['Esto no lo pedí y no lo quiero.', 'es: never asked for it'],
    ['Ik heb hier niet om gevraagd.', 'nl: never asked for it'],
    ['Not interested. This is a personal number.', 'refused, a personal number'],
    ['Not me, wrong Sarah. Please take this number off.', 'this number taken off'],
    ['Take this email off please.', 'this address taken off'],
    ['Please note I have no wish to receive further correspondence.', 'no wish to receive'],
  ])('%s → unsubscribe (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ["I don't want you to call me, email me instead.", 'another channel named'],
    ["I don't want you to call me before 10.", 'a time limit'],
    ['Je ne veux pas que vous me contactiez avant lundi.', 'fr: a time limit'],
    ["I didn't want you to call me, I wanted an email.", 'told as past'],
    ["I don't want you to call my boss.", 'someone else'],
    ['Hör auf zu warten, wir kaufen.', 'de: stop waiting'],
    ['Your emails are very welcome, keep them coming.', 'welcome'],
    ['I never agreed to your terms, send me the contract to review.', 'terms, not messages'],
    ["I never subscribed to your newsletter but I'd love to!", 'a "but" turns it round'],
    ['No me interesa la oferta.', 'es: the offer refused'],
    ["We don't wish to get them involved.", 'others involved'],
    ['This is my personal number, feel free to text here.', 'a personal number offered'],
    ["Take this number off the invoice, it's wrong.", 'a number on an invoice'],
    ['We have no wish to receive the invoices by post.', 'invoices by post'],
    ['No me interesa recibir la factura por correo, prefiero en papel.', 'es: the invoice on paper'],
    ['Não pedi isso, mas achei interessante.', 'pt: a "mas" turns it round'],
    ["Pourquoi ai-je été désinscrit ? Je n'ai rien demandé.", 'fr: the removal not asked for'],
    ["N'arrêtez pas, c'est super.", 'fr: do not stop'],
  ])('%s → not an opt-out (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
