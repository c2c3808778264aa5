import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('the boundary between opt-outs and questions (probe 59)', () => {
  it.each([
    ['Was soll ich denn noch tun, damit Ihre Anrufe aufhören?', 'de: what to do so the calls stop'],
    ['Que dois-je faire pour que vos relances cessent ?', 'fr: what to do so the chasers cease'],
    ['Che cosa bisogna fare perché le vostre email smettano?', 'it: what to do so the emails stop'],
    ['O que preciso fazer para que esses torpedos parem?', 'pt: what to do so these texts stop'],
    ['Wat kan ik doen zodat jullie berichten ophouden?', 'nl: what to do so the messages stop'],
    [
      'Soll ich die Polizei rufen, damit ihr mich endlich in Ruhe lasst?',
      'de: left alone, clause of purpose',
    ],
    ["Je dois porter plainte pour qu'on me laisse en paix ?", 'fr: left alone, clause of purpose'],
    ['¿Hay que denunciaros para que me dejéis en paz?', 'es: left alone, clause of purpose'],
    ['Serve un esposto perché mi lasciate in pace?', 'it: left alone, clause of purpose'],
    ['Preciso ir ao Procon pra vocês me deixarem em paz?', 'pt: left alone, clause of purpose'],
    ['Moet ik de ACM bellen zodat je me met rust laat?', 'nl: left alone, clause of purpose'],
    ['Würden Sie bitte aufhören, mich ständig anzurufen?', 'de: would you stop calling me'],
    ['Sarebbe possibile non ricevere più i vostri SMS?', 'it: possible not to get these any more'],
    ['Seria possível deixar de receber esses e-mails?', 'pt: possible to stop getting these'],
    ['Is het mogelijk om jullie nieuwsbrief niet meer te krijgen?', 'nl: possible not to get it any more'],
    ['Darf ich bitte aus Ihrem Verteiler raus? Danke.', 'de: may I come off the list'],
    ['Kun je ons uit jullie adresbestand verwijderen?', 'nl: remove us from the address file'],
    ['Stopp. Und wieso ruft ihr um 22 Uhr an?', 'de: stop, and the hour complained about'],
    ['Can you put this number on your do-not-call list?', 'en: a do-not-call list asked for'],
    ['If that contact is me, can you remove me from your list?', 'en: a condition, then the writer removed'],
    [
      'Pouvez-vous considérer ce message comme une désinscription ?',
      'fr: this message counted as an opt-out',
    ],
    [
      'Please do a manual unsubscribe for me, the link is broken.',
      'en: a manual opt-out asked for the writer',
    ],
    ['Pouvez-vous faire une désinscription manuelle pour moi ?', 'fr: a manual opt-out asked for the writer'],
    ['Ich habe Ihnen STOP geschickt, und trotzdem kommen noch Mails.', 'de: the writer sent STOP already'],
    ['Ik heb gisteren STOP gestuurd, waarom nog steeds berichten?', 'nl: the writer sent STOP already'],
    ['Vi ho scritto STOP lunedì!!', 'it: the writer sent STOP already'],
    ['Thanks for explaining, but please unsubscribe me.', 'en: thanks for an explanation, then the request'],
    ["Merci pour l'explication, mais désinscrivez-moi quand même.", 'fr: thanks, then the request'],
    ['¿Cómo me doy de baja de vuestros SMS?', 'es: how to opt out of these, asked'],
    [
      'My colleague and I unsubscribed last week, why are we still getting these?',
      'en: the writer opted out with a colleague',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Does STOP also work in lowercase, or only in capitals?', 'question', 'en: the keyword as a subject'],
    ['Funktioniert STOP auch per WhatsApp?', 'question', 'de: the keyword as a subject'],
    [
      'Mein Kunde hat gestern STOP geschickt. Wie bekomme ich ihn zurück?',
      'question',
      'de: sent by a customer',
    ],
    [
      'Ieri una cliente ha scritto STOP per errore. Come la riattivo?',
      'question',
      'it: written by a customer',
    ],
    ['Mijn klant heeft STOP gestuurd, kan ik hem opnieuw aanmelden?', 'question', 'nl: sent by a customer'],
    ['Wordt het STOP-bericht ook gelogd?', 'question', 'nl: the keyword in a compound'],
    ['Does the STOP-keyword also cover WhatsApp?', 'question', 'en: the keyword in a compound'],
    ['Merci pour l’explication du mot STOP.', 'neutral', 'fr: thanks for the explanation'],
    [
      'Mi colega Andrés se dio de baja el martes. ¿Le llegará igualmente el informe?',
      'question',
      'es: a colleague who opted out',
    ],
    [
      'Il mio capo si è disiscritto la settimana scorsa. Può ricevere ancora il report?',
      'question',
      'it: the boss who opted out',
    ],
    [
      'Meine Chefin hat sich letzten Monat abgemeldet. Bekommt sie den Bericht trotzdem?',
      'question',
      'de: the boss who opted out',
    ],
    [
      'Les abonnés qui se désabonnent par SMS restent-ils dans la liste email ?',
      'question',
      'fr: the subscribers who opt out',
    ],
    ['Os clientes que pedem descadastro somem do relatório?', 'question', 'pt: the customers who opt out'],
    ['Wird sie dann automatisch ausgetragen?', 'question', 'de: someone else would be opted out'],
    ['La désinscription automatique marche aussi sur WhatsApp ?', 'question', 'fr: the opt-out as a feature'],
    ['Kann man den Abmeldelink farbig gestalten?', 'question', 'de: the opt-out link talked about'],
    ['Het afmeldlinkje, kan dat onderaan in het grijs?', 'question', 'nl: the opt-out link talked about'],
    ['Gibt es eine Pause statt einer Abmeldung?', 'question', 'de: a pause instead of an opt-out'],
    ['Zählt „nie wieder“ bei euch als Abmeldung?', 'question', 'de: what a reply counts as'],
    ['Reconocéis la palabra BAJA en minúsculas?', 'question', 'es: the keyword named as a word'],
    [
      'Valgono le norme del Registro delle Opposizioni anche per WhatsApp?',
      'question',
      'it: what a registry covers',
    ],
    [
      'Vallen sms-berichten ook onder het Bel-me-niet Register?',
      'question',
      'nl: what falls under the registry',
    ],
    [
      "I don't want to unsubscribe! I just wanted to know why it came twice.",
      'question',
      'en: only wanted to know',
    ],
    [
      'Je voulais juste savoir pourquoi je reçois deux fois le même mail.',
      'question',
      'fr: only wanted to know',
    ],
    [
      'Könnten Sie aufhören, mir Rechnungen per Post zu schicken? Per Mail ist besser.',
      'question',
      'de: invoices by post, not the messages',
    ],
    [
      'Thanks for explaining how the opt-out works, but how do I use it for SMS?',
      'question',
      'en: thanks, then a question',
    ],
    [
      'If a member invokes the right to erasure, do you erase them from the logs as well?',
      'question',
      'en: a condition about a member',
    ],
    [
      'When one of our patients asks to be removed, do you delete them everywhere or only from SMS?',
      'question',
      'en: a condition about a patient',
    ],
    [
      'Do you keep a log of consent timestamps? I need that for our audit next month.',
      'question',
      'en: the answer needed for an audit',
    ],
    [
      'How fast is an unsubscribe applied? We need to know that for our DPO.',
      'question',
      'en: the answer needed for the DPO',
    ],
    ['This looks great, we need that for our sales team!', 'interested', 'en: needed by a team, wanted'],
  ])('is no opt-out: %s → %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['Ik heb het doorgestuurd naar onze juridische afdeling.', 'nl: to a department, nobody named'],
    ['Encaminhei pro nosso time de compras.', 'pt: to a team, nobody named'],
  ])('passed on to our own team is no referral: %s (%s)', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it.each([
    ['Doorgestuurd naar Bram Smit, die gaat over onze software.', 'nl: to a named colleague'],
    ['Encaminhei para a Joana, ela cuida disso.', 'pt: to a named colleague'],
  ])('passed on to a named colleague stays a referral: %s (%s)', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });
});
