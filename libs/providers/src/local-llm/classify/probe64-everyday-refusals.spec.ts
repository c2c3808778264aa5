import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('everyday refusals and their look-alikes (probe 64)', () => {
  it.each([
    ['Wir haben dieses Jahr kein Budget für so etwas.', 'de: no budget this year'],
    ['Dit jaar geen budget voor extra tools, sorry.', 'nl: no budget this year'],
    ['Lo siento, no tenemos presupuesto para herramientas nuevas.', 'es: no budget'],
    ['Não temos orçamento para isso, obrigado.', 'pt: no budget'],
    ['Non abbiamo budget per questo tipo di servizio.', 'it: no budget'],
    ["Nous n'avons pas de budget pour ce genre d'outil.", 'fr: no budget'],
    ['Das ist für uns leider nicht relevant, trotzdem danke.', 'de: not relevant for us'],
    ['Wir sehen darin keinen Mehrwert für unser Team.', 'de: no added value'],
    ['Voor ons niet relevant, dank je.', 'nl: not relevant for us'],
    ['Geen meerwaarde voor ons bedrijf.', 'nl: no added value'],
    ['No es relevante para nuestra empresa, gracias.', 'es: not relevant for us'],
    ['Não vemos valor nisso para a clínica.', 'pt: no value seen'],
    ['Non è rilevante per noi, buona giornata.', 'it: not relevant for us'],
    ['Ni maintenant ni plus tard, merci.', 'fr: not now and not later'],
    ['Por ahora no lo necesitamos ni lo vamos a hacer en el futuro.', 'es: not now, nor in the future'],
    ["Appreciate it, but we'll have to decline.", 'en: declines in so many words'],
    [
      "We moved to a rival platform in October and we won't be switching again.",
      'en: not switching, a past month',
    ],
    ['Leider entspricht das nicht unseren Anforderungen.', 'de: does not meet our needs'],
    ['La solución no se ajusta a nuestras necesidades.', 'es: does not meet our needs'],
    ["L'offre ne répond pas à nos besoins actuels.", 'fr: does not meet our needs'],
    ['Il vostro prodotto non è in linea con le nostre esigenze.', 'it: does not meet our needs'],
    ['Non abbiamo bisogno di un altro software gestionale.', 'it: no need of one'],
    ['Het sluit niet aan bij onze behoeften.', 'nl: does not meet our needs'],
    ['Isso não faz sentido para o nosso negócio.', 'pt: makes no sense for our business'],
    ["It wouldn't solve any problem we actually have.", 'en: does not solve a problem they have'],
    ['We book everything by phone. Not needed.', 'en: not needed, said alone'],
  ])('is a refusal: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_interested');
  });

  it.each([
    ['Aktuell kein Budget, melden Sie sich bitte im Februar wieder.', 'de: no budget now, a later time'],
    ['Geen budget tot het tweede kwartaal, neem dan opnieuw contact op.', 'nl: no budget until a later time'],
    ['No tenemos presupuesto hasta abril, escríbanos entonces.', 'es: no budget until April'],
  ])('stays a timing objection: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([
    ['Is this cheaper than Calendly for a team of 8?', 'en: a scheduling tool compared'],
    ['Does it sync with Acuity, or do we have to replace it?', 'en: a scheduling tool named'],
    ['Can customers rebook online if they miss the slot?', 'en: rebooking as a feature'],
    ['Do clients get a link to reschedule their appointments by SMS?', 'en: rescheduling as a feature'],
  ])('is a question, not a meeting: %s (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([
    ['Oh leuk, vertel gerust meer.', 'nl: tell me more'],
    ['Non abbiamo bisogno di una demo, mandateci direttamente i prezzi.', 'it: no demo needed, send prices'],
  ])('is interest: %s (%s)', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it('declining meeting invites while away is no refusal', () => {
    expect(
      classify(
        "I'm out of the office until 14 December and I'll decline them all, so please don't send invites.",
      ).label,
    ).toBe('out_of_office');
  });

  it('a month the writer did something in is no deferral', () => {
    expect(classify('We renewed with our current vendor in August. Not interested.').label).toBe(
      'not_interested',
    );
  });

  it.each([
    ['Could you write to my personal email instead? This inbox is shared.', 'en: the writer s other address'],
    ['Gebruik liever mijn zakelijke mailadres, dit lees ik nauwelijks.', 'nl: the writer s other address'],
  ])('is not a hand-over: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('wrong_person');
  });

  it.each([
    ['Thanks, but no. And please stop emailing me.', 'en: a refusal with a request to stop'],
    ['Kein Budget und kein Interesse. Bitte nehmen Sie mich aus dem Verteiler.', 'de: no budget, removed'],
    ['No tenemos presupuesto. No me escriban más.', 'es: no budget, no more messages'],
  ])('an opt-out beside a refusal stays an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Send me your Calendly link and I will grab a slot.', 'en: a calendar link asked for'],
    ['Can we reschedule our call to Thursday at 3pm?', 'en: a meeting moved'],
  ])('is still a meeting: %s (%s)', (text) => {
    expect(classify(text).label).toBe('meeting_request');
  });
});
