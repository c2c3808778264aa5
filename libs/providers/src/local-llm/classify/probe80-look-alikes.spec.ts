import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('look-alikes of probe 80 keep their own label', () => {
  describe('"enough e-mails back and forth" ends the exchange, not our messages', () => {
    it.each([
      ['Basta email avanti e indietro, sentiamoci al telefono. Giovedì alle 11 va bene, 333 1234567.', 'it'],
      ['Basta de correos de ida y vuelta, hablemos por teléfono. ¿El jueves a las 11?', 'es'],
      ["No more emails back and forth, let's just call. Thursday 11am works, 07700 900123.", 'en'],
    ])('is a meeting request: %s (%s)', (text) => {
      expect(classify(text).label).toBe('meeting_request');
    });

    it.each([
      ['No more emails please.'],
      ['Basta email, toglietemi dalla lista.'],
      ['Enough emails back and forth. Remove me.'],
    ])('is still an opt-out: %s', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe('"write to me in mid-January" is a timing objection', () => {
    it.each([
      [
        'Uf, estamos en pleno cierre de año y tengo la bandeja de entrada que no puedo con ella. Escríbeme a mediados de enero y lo vemos con calma, que sí me interesa.',
        'es',
      ],
      [
        'Hoi, we zitten midden in de jaarafsluiting en mijn inbox is niet te doen. Neem half januari weer contact op, het onderwerp interesseert me echt.',
        'nl',
      ],
      [
        'Olá, estamos no fecho do ano e a minha caixa de correio está impossível. Volte a contactar-me em meados de janeiro, o tema interessa-me mesmo.',
        'pt, the writer, not an absent colleague',
      ],
      ["Siamo in chiusura d'anno. Mi ricontatti a metà gennaio, l'argomento mi interessa davvero.", 'it'],
      [
        'Bei uns ist gerade Jahresabschluss. Melden Sie sich bitte Mitte Januar wieder, das Thema interessiert mich.',
        'de',
      ],
    ])('is not_now: %s (%s)', (text) => {
      expect(classify(text).label).toBe('not_now');
    });

    it('a number to call back on is no time: "Mi ricontatti a quel numero, grazie."', () => {
      expect(classify('Mi ricontatti a quel numero, grazie.').label).not.toBe('not_now');
    });

    it('an absent colleague to try in mid-January is an away reply', () => {
      expect(classify('Marta está de vacaciones. Vuelva a contactarla a mediados de enero.').label).toBe(
        'out_of_office',
      );
    });
  });

  describe('a trial to be extended, a product wanted now', () => {
    it.each([
      [
        "Surtout ne coupez pas l'essai vendredi, l'équipe commence tout juste à s'en servir. Peut-on prolonger de deux semaines et parler de l'offre annuelle ?",
      ],
      [
        'Non interrompete la prova venerdì, la reception è entusiasta. Possiamo prolungare di due settimane e parlare del piano annuale?',
      ],
      [
        'Não cortem o teste na sexta, a equipa está a adorar. Podemos prolongar duas semanas e falar do plano anual?',
      ],
      ['Können wir die Testphase um zwei Wochen verlängern? Das Team ist begeistert.'],
      ['Could you extend our trial by a week? We love it.'],
      ['Basta de pruebas, lo queremos ya. ¿Qué necesitáis para activarlo en las tres clínicas?'],
      ['Lo vogliamo subito.'],
      ['Wir wollen das jetzt.'],
      ['On le veut tout de suite, dites-nous comment faire.'],
    ])('is interest: %s', (text) => {
      expect(classify(text).label).toBe('interested');
    });

    it.each([
      ['How do I extend the trial? Is there a fee?'],
      ['Wir wollen das jetzt nicht.'],
      ['No lo queremos ya.'],
    ])('is no interest: %s', (text) => {
      expect(classify(text).label).not.toBe('interested');
    });
  });

  describe('"we will not go ahead" is a refusal (pt/es/it)', () => {
    it.each([
      [
        'Olá Beatriz, obrigado pela mensagem. Fomos adquiridos e agora as decisões de software são da sede, então não vamos avançar. Obrigado pelo tempo.',
      ],
      ['Então não vamos avançar com isso, obrigado.'],
      ['Nos compraron y no vamos a seguir adelante, gracias.'],
    ])('is not_interested: %s', (text) => {
      expect(classify(text).label).toBe('not_interested');
    });

    it('is no refusal when a condition follows: "Non andremo avanti senza una demo: quando possiamo vederla?"', () => {
      expect(classify('Non andremo avanti senza una demo: quando possiamo vederla?').label).not.toBe(
        'not_interested',
      );
    });
  });

  describe("the writer's opt-out acknowledged as done is no new request", () => {
    it.each([
      [
        "Hi Dana,\n\nJust confirming I got your note saying my opt-out request from last month was processed. That's all sorted then, thanks for handling it quickly.\n\nRegards,\nPeter",
      ],
      ['Mi solicitud de baja ya fue tramitada, gracias por la rapidez.'],
    ])('is no opt-out: %s', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it.each([
      ['Please confirm my opt-out request was processed.'],
      ['My unsubscribe request was processed but I still get your emails.'],
      ['My opt-out request was processed in March, yet here you are again.'],
      ['Can you check my removal request was processed?'],
      ["La mia richiesta di cancellazione è stata elaborata? Stamattina è arrivata un'altra mail."],
    ])('is still an opt-out: %s', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe("a customer's appointment cancelled by a reply is a product question, not a call moved", () => {
    it.each([
      [
        'Hoi Sanne,\n\nWe zijn aan het vergelijken. Kan een klant een afspraak annuleren door gewoon op de herinnering te antwoorden, en komt het tijdslot dan vanzelf vrij in onze agenda?\n\nGroet,\nHenk',
      ],
      ['Kann ein Kunde einen Termin absagen, indem er auf die Erinnerung antwortet?'],
    ])('is a question: %s', (text) => {
      expect(classify(text).label).toBe('question');
    });

    it.each([
      ['Können wir den Termin verschieben? Donnerstag passt mir nicht.'],
      ['Moeten we de afspraak verzetten naar vrijdag?'],
    ])('is still a meeting request: %s', (text) => {
      expect(classify(text).label).toBe('meeting_request');
    });
  });

  describe('a season of something already done is no time to come back', () => {
    it.each([
      [
        'Hallo Herr Keller, ich hatte Sie im Frühjahr gebeten, mich auszutragen, weil wir mitten im Umzug waren. Das ist jetzt erledigt und das Thema ist wieder aktuell – schicken Sie mir gern die Preisliste.',
      ],
      ["I asked you back in the spring to hold off. Now we're ready, send the contract."],
    ])('is not not_now: %s', (text) => {
      expect(classify(text).label).not.toBe('not_now');
    });

    it('a season to come stays one: "Wir haben im Herbst wieder Budget, melden Sie sich dann."', () => {
      expect(classify('Wir haben im Herbst wieder Budget, melden Sie sich dann.').label).toBe('not_now');
    });
  });
});
