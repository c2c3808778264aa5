import { classifyReplyText, labelReplyText } from './reply-classifier';

const RECEIVED = '2026-12-02T09:00:00Z';
/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string, channel = 'email') =>
  labelReplyText({ text, received_at: RECEIVED, channel }, null);
/** With the trained model, as the product classifies. */
const classifyWithModel = (text: string, channel = 'email') =>
  labelReplyText({ text, received_at: RECEIVED, channel });

describe('channel switches, time limits and "not enough" look-alikes (probe 70)', () => {
  it.each([
    ['had it with the emails, ring me on Friday instead of writing', 'en: email stopped, a call asked for'],
    ["so many emails back and forth — let's have a quick call on Monday", 'en: email tag, a call proposed'],
    ['Schluss mit den Mails, ruf mich morgen früh einfach an', 'de: email stopped, a call asked for'],
    ['ya basta de correos, llámame el martes', 'es: email stopped, a call asked for'],
    ['chega de e-mails, me liga na quinta à tarde', 'pt: email stopped, a call asked for'],
    ['basta messaggi, chiamami giovedì mattina', 'it: messages stopped, a call asked for'],
    ['genoeg berichten, bel me vrijdag even', 'nl: messages stopped, a call asked for'],
    [
      'no more audios please, escríbeme mejor, estoy en la obra',
      'es: voice notes stopped, writing asked for',
    ],
    [
      'keine Sprachnachrichten mehr bitte, schreib mir lieber kurz',
      'de: voice notes stopped, writing asked for',
    ],
    ['please do not phone me on Fridays, we close early. Thursday is better.', 'en: a weekday only'],
    ['no me mandes whatsapps a las 6 de la mañana, porfa. Luego hablamos', 'es: a clock time only'],
    [
      'arrêtez les mails interminables et dites-moi juste si ça marche avec Shopify',
      'fr: the length refused',
    ],
    ['dejen de mandar correos larguísimos, ¿cuál es el precio?', 'es: the length refused'],
    [
      'No me llamen al fijo de la tienda, al móvil sí, me interesa',
      'es: the landline refused for the mobile',
    ],
    [
      'Please stop writing to sales@ — nobody reads it. Use my direct address instead: m.kerr@dunmore.ie',
      'en: a shared inbox for a direct address',
    ],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(classify(text, 'whatsapp').label).not.toBe('unsubscribe');
    expect(classifyWithModel(text, 'whatsapp').label).not.toBe('unsubscribe');
  });

  it.each([
    ['Stop emailing me. If I ever need you, I will call you.', 'en: the writer will call, nothing asked'],
    [
      'Bel me maar... nee, toch niet. Neem geen contact meer met me op.',
      'nl: a call asked for, then taken back',
    ],
    ['no more voice notes, no more messages, stop writing to me', 'en: every channel'],
    ['niet bellen na 20 uur. eigenlijk helemaal niet bellen', 'nl: a time limit, then not at all'],
    ['stop texting me and stop calling my office line too', 'en: two channels'],
    ["Don't call me at 8am. Actually don't call me ever again.", 'en: a time, then never again'],
    ['Stop emailing me, and do not call me either', 'en: a call refused too'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text, 'sms').label).toBe('unsubscribe');
    expect(classifyWithModel(text, 'sms').label).toBe('unsubscribe');
  });

  it.each([
    ['Estoy de viaje hasta el 15/12, no me llamen, contesto a la vuelta.', 'es'],
    ['In ferie fino al 14/12, per favore non chiamatemi, vi ricontatto al rientro.', 'it'],
    ['De férias até 15/12, não me liguem, retorno quando voltar.', 'pt'],
  ])('an away notice answering on return is no opt-out: %s (%s)', async (text) => {
    const out = await classifyReplyText({ text, received_at: RECEIVED, channel: 'email' }, null);
    expect(out.label).toBe('out_of_office');
  });
});
