import { readSignals } from './match-signals';
import { prepareReply } from './prepare-reply';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('refusals, opt-outs and their look-alikes from blind data (probe 75)', () => {
  describe('a list of contact verbs refused, commas between them', () => {
    it.each([
      ['Do not call, text or email me.', 'three channels, the last after "or"'],
      ["Don't call, text, or email this number.", 'a serial comma, the number named'],
      ['Never call, text or email me.', '"never" before the list'],
      ['Please do not email, call, text or WhatsApp me again.', 'four channels and "again"'],
    ])('is an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });

    it.each([
      ['Do not call, text or email me before 9am.', 'some hours only'],
      ['Do not call, text or email me on Mondays.', 'some days only'],
      ['We do not call, text or email people who opted out, right?', 'the writer’s own practice asked about'],
      ['I never call, text or email leads before they opt in.', 'the writer’s own practice'],
      ['Do not call, text or WhatsApp me, email me at ana@fernway.co instead.', 'another channel asked for'],
    ])('is not an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });
  });

  describe('Polish: a request not to be contacted, put as a noun ("proszę o niekontaktowanie się")', () => {
    it.each([
      ['Nie jestem zainteresowany i proszę o niekontaktowanie się ze mną.', 'a refusal, then the request'],
      ['Proszę o nie kontaktowanie się ze mną.', 'the negation written apart'],
      ['Uprzejmie proszę o niepisanie do mnie.', 'no writing asked for, formally'],
      ['Prosimy o zaprzestanie kontaktu.', 'an end to contact asked for'],
      ['Proszę o brak dalszego kontaktu.', 'no further contact asked for'],
    ])('is an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });

    it.each([
      ['Proszę o kontakt telefoniczny jutro.', 'a call asked for'],
      ['Proszę o kontakt w styczniu, teraz nie mamy budżetu.', 'contact asked for later'],
      ['Nie jesteśmy zainteresowani, dziękujemy.', 'a plain refusal'],
    ])('is not an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });
  });

  describe('one channel refused and a message by another ordered ("mándame un correo", "tylko mailem")', () => {
    it.each([
      ['No me escribas por WhatsApp, mándame un correo a ana@tiendas-sol.es con los precios.', 'es'],
      ["Ne m'écrivez pas sur WhatsApp, envoyez-moi un mail avec les prix.", 'fr'],
      ['Non scrivermi su WhatsApp, mandami una mail con i prezzi.', 'it'],
      ['Stuur me geen WhatsApp, stuur me een mail met de prijzen.', 'nl'],
      ['Não me mande WhatsApp, mande-me um email com os preços.', 'pt'],
      ['Proszę nie pisać na WhatsApp, tylko mailem.', 'pl: email only'],
    ])('is a channel switch, not an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it.each([
      ['No me escribas más y no me mandes un correo tampoco.', 'es: the other channel refused too'],
      ['Non scrivetemi più. Non mandatemi una mail.', 'it: the other channel refused too'],
      ['Ne me contactez plus, ni par téléphone ni par mail.', 'fr: every channel refused'],
      ['Proszę więcej do mnie nie pisać.', 'pl: no channel named'],
    ])('is still an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe('a business closed in a month named: the month dates the closure, no return', () => {
    it.each([
      ['Cerramos el negocio en agosto.', 'es'],
      ['On a fermé la boutique en septembre, désolé.', 'fr'],
      ['We closed the shop in August.', 'en'],
      ['We closed the business back in March, sorry.', 'en, "back in"'],
      ['Abbiamo chiuso il negozio a ottobre.', 'it'],
      ['Fechamos a loja em maio.', 'pt'],
    ])('is a refusal, not a pause: %s (%s)', (text) => {
      const { scores } = readSignals(prepareReply({ text }));
      expect(scores.not_now).toBe(0);
      expect(scores.not_interested).toBeGreaterThan(0);
      expect(classify(text).label).not.toBe('not_now');
    });

    it.each([
      ["We're closed in August, get back to me in September.", 'not_now', 'a holiday closure and a return'],
      ['Our shop is closed in August, try me in September.', 'not_now', 'the shop closed for a month'],
      ['The office is closed until 4 January.', 'out_of_office', 'closed until a date'],
    ])('keeps its reading: %s → %s (%s)', (text, label) => {
      expect(classify(text).label).toBe(label);
    });
  });

  describe('Polish refusals with their reason: a supplier, a purchase elsewhere, a closed firm', () => {
    it.each([
      ['Mamy już dostawcę i jesteśmy zadowoleni.', 'a supplier already'],
      ['Już kupiliśmy u konkurencji.', 'bought from a competitor'],
      ['Wybraliśmy innego dostawcę.', 'chose another supplier'],
      ['Dzień dobry, dziękuję za wiadomość, ale nie skorzystamy. Pozdrawiam, Tomasz', 'will not take it up'],
      ['Zamknęliśmy firmę w zeszłym roku.', 'closed the firm'],
    ])('is a refusal: %s (%s)', (text) => {
      expect(classify(text).label).toBe('not_interested');
    });

    it.each([
      [
        'Mamy już dostawcę, ale chętnie zobaczę waszą ofertę. Ile to kosztuje?',
        'question',
        'a supplier, but open',
      ],
      ['Już kupiliśmy u konkurencji, proszę więcej nie pisać.', 'unsubscribe', 'a refusal and an opt-out'],
      ['Czy mogę zrezygnować w dowolnym momencie?', 'question', 'cancelling asked about'],
    ])('keeps its reading: %s → %s (%s)', (text, label) => {
      expect(classify(text).label).toBe(label);
    });

    it('"nie skorzystamy" limited to now is no firm refusal', () => {
      expect(classify('Teraz nie skorzystamy, proszę o kontakt w przyszłym roku.').label).not.toBe(
        'not_interested',
      );
    });
  });

  describe('German "kein Budget" without a subject, and no later time: a refusal like "wir haben kein Budget"', () => {
    it.each([
      ['Kein Budget dafür dieses Jahr. Danke.', 'this year only named'],
      ['Leider kein Budget für so etwas.', 'after "leider"'],
      ['Danke, kein Budget.', 'after thanks'],
    ])('is a refusal: %s (%s)', (text) => {
      expect(classify(text).label).toBe('not_interested');
    });

    it.each([
      ['Kein Budget im Moment, melden Sie sich im Frühjahr.', 'for now, a season to come back'],
      ['Kein Budget bis Q2.', 'until a quarter'],
      ['Aktuell kein Budget.', 'currently'],
      ['Kein Budget, aber schicken Sie mir gern die Preise für nächstes Jahr.', 'next year named'],
    ])('is a pause: %s (%s)', (text) => {
      expect(classify(text).label).toBe('not_now');
    });
  });

  describe('a list of contact verbs refused at the end of the reply, with no object', () => {
    it.each([
      ["Please don't call, text or email.", 'three verbs'],
      ['I said do not call, email, or text again!', 'a serial comma and "again"'],
    ])('is an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });

    it.each([
      ["We don't call, text or email.", 'the writer’s own practice'],
      ["Please don't call, text only.", 'one channel kept'],
      ["Please don't call, email me.", 'another channel asked for'],
    ])('is not an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });
  });

  describe('Polish opt-outs in everyday forms, and Polish channel switches', () => {
    it.each([
      ['Zapomnijcie o moim numerze.', 'forget my number'],
      ['Skąd macie mój numer? Usuńcie go.', 'delete it, the number named before'],
      ['Proszę mi dać spokój.', 'leave me in peace, asked politely'],
      ['Więcej nie chcę od was nic dostawać.', 'wants nothing more from them'],
      ['Nie dzwońcie i nie piszcie.', 'two bare plural orders'],
      ['Koniec z tymi wiadomościami.', 'an end to these messages'],
      ['Wypisać mnie!', 'an infinitive order, alone'],
    ])('is an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });

    it.each([
      ['Nie dzwońcie przed 10.', 'before ten only'],
      ['Nie dzwońcie w weekendy.', 'weekends only'],
      ['Nie dzwońcie, piszcie na maila.', 'email asked for instead'],
      ['Nie dzwońcie więcej, piszcie na maila.', 'no more calls, email instead'],
      ['Nie piszcie, zadzwońcie do mnie jutro.', 'a call asked for instead'],
      ['Koniec z tymi wiadomościami, zadzwońcie do mnie.', 'messages ended, a call asked for'],
      ['Usuńcie mój stary numer, nowy to 600 100 200.', 'an old number replaced'],
    ])('is not an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });
  });

  describe('"we are not buying" in so many words, in the seven languages and Polish', () => {
    it.each([
      ['We will never buy this.', 'en: never'],
      ['Spar dir die Mühe, wir kaufen nicht.', 'de'],
      ["Pas la peine d'insister, on n'achète pas.", 'fr'],
      ['No insistas, no vamos a comprar.', 'es'],
      ['Non insistete, non compriamo.', 'it'],
      ['Niet aandringen, we kopen niet.', 'nl'],
      ['Não insistam, não vamos comprar.', 'pt'],
      ['Nie nalegajcie, nie kupimy.', 'pl'],
    ])('is a refusal: %s (%s)', (text) => {
      expect(classify(text).label).toBe('not_interested');
    });

    it.each([
      ['No vamos a comprar hasta enero.', 'not_now', 'es: until a month'],
      ['Wir kaufen nicht vor dem Sommer.', 'not_now', 'de: before a season'],
      ['We kopen niet voor januari.', 'not_now', 'nl: before a month'],
      ['Non compriamo senza una demo, quando possiamo vederla?', 'question', 'it: not without a demo'],
      [
        'I never buy from cold emails but this looks interesting, send details.',
        'interested',
        'en: a habit, then interest',
      ],
    ])('keeps its reading: %s → %s (%s)', (text, label) => {
      expect(classify(text).label).toBe(label);
    });

    it('"nie kupimy teraz" with a later year is no firm refusal', () => {
      expect(classify('Nie kupimy teraz, może w przyszłym roku.').label).not.toBe('not_interested');
    });
  });
});
