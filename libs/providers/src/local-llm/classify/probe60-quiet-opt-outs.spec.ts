import { readSignals } from './match-signals';
import { prepareReply } from './prepare-reply';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('quiet opt-outs without the usual keywords (probe 60)', () => {
  it.each([
    ['Preferiría no volver a saber nada de ustedes, gracias.', 'es: rather not hear from you again'],
    ['Nous préférons ne plus entendre parler de votre société.', 'fr: rather not hear of you again'],
    ['Preferisco non avere più vostre notizie, grazie.', 'it: no more news from you'],
    ['Non si faccia più sentire, per cortesia.', 'it: formal, do not make yourself heard'],
    ['Não queremos mais saber da vossa empresa.', 'pt: want nothing more of your company'],
    ['Meldet euch bitte nie mehr bei uns.', 'de: informal, never get in touch again'],
    ['Bitte uns künftig keine Unterlagen mehr zuschicken.', 'de: send us nothing more'],
    ['Ich möchte ab sofort keine weiteren Angebote mehr erhalten.', 'de: no further offers'],
    ['Merci de ne plus rien nous adresser.', 'fr: send nothing more'],
    ['Vi chiedo di non spedire più nulla a questo indirizzo.', 'it: send nothing more'],
    ['We would ask that you not contact our office again.', 'en: we ask you not to contact'],
    ['Ik wens niets meer van uw bedrijf te ontvangen.', 'nl: want to receive nothing more'],
    ['Ni un correo más, gracias.', 'es: not one more email'],
    ['Nem mais uma mensagem, por favor.', 'pt: not one more message'],
    ['Laissez-nous hors de vos listes de diffusion.', 'fr: leave us out of your lists'],
    ['Lasciateci fuori dai vostri mailing.', 'it: leave us out of your mailings'],
    ['Lassen Sie uns bei Ihren Aussendungen bitte außen vor.', 'de: leave us out of your mailings'],
    ['Please never include my name in these sequences again.', 'en: never include me in the sequences'],
    ['Fasst bitte nicht nochmal nach.', 'de: do not chase again'],
    ['Merci de ne plus revenir vers nous.', 'fr: do not come back to us'],
    ['ça suffit, me recontactez plus', 'fr: informal, without the ne'],
    ['Non sollecitateci più, grazie.', 'it: do not press us again'],
    ['Mail dit adres nooit meer.', 'nl: never mail this address again'],
    ['We wensen via geen enkele weg meer gecontacteerd te worden.', 'nl: not approached any more'],
    ['Não precisa voltar a ligar.', 'pt: no need to call again'],
    ['Please ensure we never receive anything else from your company.', 'en: make sure nothing more comes'],
    ['Ok. That will be the last email you send me, understood?', 'en: the last message'],
    ['Lass mich in Zukunft bitte in Ruhe.', 'de: leave me alone from now on'],
    [
      'Beschouw dit als ons laatste antwoord: we willen niets meer van jullie ontvangen.',
      'nl: "als" meaning as',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    [
      'Ik ga je niet meer mailen, ik heb vanaf maandag een andere baan.',
      'nl: the writer will not write again',
    ],
    [
      "Don't chase with our finance team, they won't decide this. Talk to me.",
      'en: chasing aimed at their team',
    ],
    ['Ne revenez pas vers moi avant janvier, le budget n’est pas encore voté.', 'fr: not before January'],
    ['Non scrivetemi qui, meglio alla mia email g.neri@neriarredi.it', 'it: here refused for the email'],
    ['No me escriban por aquí; mejor a mi correo, ana.vidal@vidalsa.es', 'es: here refused for the email'],
    [
      'Keine SMS an diese Nummer bitte, das ist die Zentrale. Lieber an j.wolf@wolf-bau.de.',
      'de: an address',
    ],
    ['Wir möchten keine weiteren Rechnungen erhalten, nur die Sammelrechnung.', 'de: fewer invoices'],
    ['Ich will keine Mahnungen mehr zugeschickt bekommen, die Zahlung ist raus.', 'de: reminders of payment'],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Wir haben die Filiale im Herbst geschlossen.', 'de: closed last autumn'],
    ['Encerramos a empresa no inverno passado.', 'pt: closed last winter'],
  ])('a closure told as the past names no time to come back: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('not_now');
  });

  it.each([
    ['Niet nabellen voor de zomer aub, we zitten midden in een verbouwing.', 'nl: not before the summer'],
    ['Niet opvolgen voor januari graag.', 'nl: not before January'],
  ])('a deferral with the verb after "niet" is not now: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([
    ['Pas besoin de me répondre, merci.', 'fr: no need to reply'],
    ['Não precisa responder, obrigado.', 'pt: no need to reply'],
  ])('no need to reply is no refusal: %s (%s)', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it.each([
    ['Este é o meu número pessoal. Melhor por e-mail: r.alves@alvesobras.pt', 'pt'],
    ['Das ist meine private Nummer, lieber an k.berg@bergbau-gmbh.de schreiben.', 'de'],
  ])('a private number beside an address to write to is no opt-out cue: %s (%s)', (text) => {
    expect(readSignals(prepareReply({ text })).scores.unsubscribe).toBe(0);
  });
});
