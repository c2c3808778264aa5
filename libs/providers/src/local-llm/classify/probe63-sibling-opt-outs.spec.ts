import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('siblings of the opt-out boundary (probe 63)', () => {
  it.each([
    ['Nein danke. Senden Sie mir bitte auch künftig nichts mehr.', 'de: send nothing more, with fillers'],
    [
      'Ich bin in Rente gegangen, das Konto wird gelöscht. Schicken Sie nichts mehr an diese Adresse.',
      'de: nothing more to this address, beside having left',
    ],
    [
      'Dieses Postfach wird aufgelöst. Bitte löschen Sie die Adresse aus Ihrer Kartei.',
      'de: delete the address, beside a closed mailbox',
    ],
    ['Por favor, borren esta dirección de su base de datos.', 'es: delete this address'],
    ['No queremos ningún contacto más con su empresa.', 'es: no contact of any kind'],
    ['Não desejo nenhum contato, obrigado.', 'pt: no contact of any kind'],
    ["We don't want any further correspondence from your firm.", 'en: no further correspondence'],
    ["There's no point emailing us.", 'en: no point contacting the writer'],
    ['zero use calling me again', 'en: no use contacting the writer'],
    ['No texts, no calls. Thanks.', 'en: the channels refused one after another'],
    ['Keine Mails und keine Anrufe mehr.', 'de: the channels refused one after another'],
    ['ni correos ni llamadas, gracias', 'es: the channels refused one after another'],
    ['We object to our details being held for sales outreach.', 'en: objects to their data being held'],
    ["Ok enough now. That's your sixth email since Monday.", 'en: enough, and a count of the messages'],
    ['cómo hago para no recibir más estos sms', 'es: asks how to stop receiving them'],
    ['Any more of these and they get reported to the hosting company’s abuse department.', 'en: abuse desk'],
    [
      "I'm sending every one of these straight to your ISP's abuse desk.",
      'en: abuse desk, far from the verb',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['if I text back stop, will that remove me from the newsletter as well?', 'en: asks what STOP would do'],
    ['Does replying with STOP also unsubscribe us from the invoices?', 'en: asks what STOP would do'],
    ['No calls, no texts - email only please.', 'en: a channel refused for another'],
    ['Keine Anrufe, keine SMS, nur per Mail bitte.', 'de: a channel refused for another'],
    ['No point calling me today, I am on site. Try tomorrow.', 'en: no point calling today'],
    ['This is the third email I have sent about the refund.', "en: a count of the writer's own messages"],
    ['Enough for today, thanks for the demo.', 'en: enough for today'],
    ['Bitte entfernen Sie die Adresse meiner Kollegin, ich bleibe gern dabei.', "de: a colleague's address"],
  ])('is no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('staying on the list, less often, is no deferral (de)', () => {
    expect(classify('Ich bleibe gern im Newsletter, aber bitte nur einmal im Monat.').label).not.toBe(
      'not_now',
    );
  });

  it.each([
    ['Suspendez les envois pour le moment, merci.', 'fr: pause the mailings for now'],
    ['Paren las llamadas por el momento, por favor.', 'es: stop the calls for the moment'],
    ['Please hold off on the emails for the time being.', 'en: hold off on the emails'],
  ])('a pause with what to stop in between is not now: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([
    [
      'Auto-reply: your email has reached our Accounts team. Invoices are processed within 7 business days.',
      'en: reached the team, handled within days',
    ],
    [
      'This is an automatic notification as you emailed a shared mailbox. We answer Mon-Fri 9am-5pm.',
      'en: a shared mailbox was written to',
    ],
  ])('an automatic acknowledgement is neutral: %s (%s)', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it.each([
    ['Nous ne voulons plus jamais recevoir vos offres.', 'fr: never again'],
    ['Non vogliamo mai più ricevere le vostre offerte.', 'it: never again'],
    ['No queremos volver a recibir sus ofertas.', 'es: not again'],
    ['Não quero voltar a receber as vossas campanhas.', 'pt: not again'],
    ['Wir wollen nie wieder Werbung von Ihnen bekommen.', 'de: never again'],
    ['Ik wil nooit meer iets van jullie ontvangen.', 'nl: never again'],
    ["We'd prefer it if we never heard from your agency again.", 'en: rather never hear again'],
    ['Haal ons overal uit a.u.b.', 'nl: remove us from everything'],
    ['Please take me off every list you have.', 'en: remove me from everything'],
  ])('never again, or off everything, is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it('asking not to be unsubscribed, with an adverb, is no opt-out (fr)', () => {
    expect(classify('Ne nous désabonnez surtout pas, la lettre est excellente.').label).not.toBe(
      'unsubscribe',
    );
  });
});
