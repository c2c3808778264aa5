import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' }, null);

describe('opt-outs asked about (the keyword, the do-not-call registry, one list only) and asked for', () => {
  it.each([
    ['Does "stop" work in lowercase too, or does it have to be STOP?', 'what the keyword has to be'],
    ['Does it have to be STOP in capitals?', 'the keyword in capitals'],
    ['Do you honour the national do-not-call registry automatically?', 'the registry honoured'],
    ['Does your dialer check against the do not call list?', 'the list checked'],
    [
      'Posso cancellarmi solo dalla newsletter e continuare a ricevere le fatture?',
      'it: one list, "e" keeps the rest',
    ],
    ['Posso disiscrivermi dalle email promozionali e tenere gli aggiornamenti?', 'it: promotions only'],
    ['Can I unsubscribe and keep the invoices?', 'en: the invoices kept'],
    ['Are we required to include STOP instructions in every text?', 'the keyword as a thing'],
    ['What wording do you use for the opt-out line in SMS?', 'the opt-out line'],
    ["Why was I unsubscribed? I didn't ask for that.", 'why it was done'],
    ['Why have we been removed from the list?', 'why it was done, perfect'],
    ['How does one stop a sequence?', 'what anyone can do'],
    ['How fast do you process opt-out requests?', 'requests in general'],
    ['Who do I ask to get removed as an admin?', 'an admin role'],
  ])('%s → question (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([
    ['Can I unsubscribe and be done with it?', 'en: and be done with it'],
    ["Can I unsubscribe and that's it?", "en: and that's it"],
    ['Posso cancellarmi e basta?', 'it: e basta'],
    ['Puedo darme de baja y ya?', 'es: y ya'],
    ['Posso me descadastrar e pronto?', 'pt: e pronto'],
    ['Do you respect the do not call list? Stop calling me.', 'the registry asked about, then a stop'],
    ['Please add me to your do not call list.', 'the list asked for'],
    ['What is this? STOP', 'the keyword after a question'],
    ['STOP messages please', 'the keyword before "messages"'],
    ['Consider this my unsubscribe request.', 'a request named'],
    ['Please process my opt-out request.', 'a request to process'],
    ['Why am I still getting these? I unsubscribed.', 'still getting them'],
    ['how does one stop these texts', 'these texts, however asked'],
    ['Is the opt-out request I sent last week done?', 'the earlier request chased'],
    ['Has the unsubscribe request we sent on Monday been processed?', 'the earlier request chased'],
    ["I don't want to get these anymore.", 'not wanted any more'],
  ])('%s → unsubscribe (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
