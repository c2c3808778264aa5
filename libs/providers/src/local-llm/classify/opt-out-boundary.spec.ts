import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('The boundary between an opt-out and the other negative labels (probe 25)', () => {
  it.each([
    ['Is there any way to stop receiving these texts?', 'asks if there is a way to stop getting them'],
    ['is there a way i can stop getting your emails', 'the same, without a question mark'],
    ['Can I just stop getting these please', 'can I stop getting these'],
    ['Wie komme ich aus Ihrem Verteiler raus?', 'de: how do I get off the list'],
    ['Wie kann ich mich von Ihrem Newsletter abmelden?', 'de: how do I unsubscribe'],
    ['Come posso disiscrivermi da questa lista?', 'it: how can I unsubscribe'],
    ['Come faccio a non ricevere più i vostri messaggi?', 'it: how do I stop receiving'],
    ['Como paro de receber esses emails?', 'pt: how do I stop receiving'],
    ['Como eu faço para sair da lista de vocês?', 'pt: how do I get off the list'],
    ['Falsche Nummer. Löschen Sie die bitte aus Ihrer Kartei.', 'de: wrong number, delete it'],
    ['Vous avez le mauvais numéro, prière de ne plus envoyer de SMS.', 'fr: wrong number, no more texts'],
    ['Número equivocado, bórrelo por favor.', 'es: wrong number, delete it'],
    ['Numero sbagliato, cancellatelo.', 'it: wrong number, delete it'],
    ['Verkeerd nummer, verwijder het aub.', 'nl: wrong number, delete it'],
    ['Número errado, apaguem ele da lista', 'pt: wrong number, delete it'],
    ['Mauvais numéro, supprimez-le svp.', 'fr: wrong number, delete it'],
    ['Hoe kom ik van deze lijst af?', 'nl: how do I get off the list'],
    ['Not for us. Remove all of us from your mailing list please.', 'all of us off the list'],
    ['Take the whole team off your list, me included.', 'the whole team, the writer included'],
    [
      'Please delete everyone at Norland Dental, myself included, from your database.',
      'everyone, myself included',
    ],
    [
      'Remove everyone but me from the list, and stop texting me',
      'the others removed, but also a request to stop',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Is there a way to stop getting these on Sundays?',
    'Is there a way to stop the reminders from going out to patients at night?',
    'Falsche Nummer, hier wohnt keine Frau Schulz.',
    'Mauvais numéro, je crois que vous cherchez ma sœur.',
    "Remove everyone except me from the list, I'm the only contact now.",
    'Please take all of us off the meeting invite, Priya will run it.',
    'Como faço para receber as faturas por email?',
    'Come faccio a ricevere le notifiche solo via email?',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ["Pass. We're happy with what we have.", 'not_interested'],
    ["We'll pass on the proposal, thanks.", 'not_interested'],
    ["We really don't have that problem. Good luck though.", 'not_interested'],
    ['Falsche Nummer, hier wohnt keine Frau Schulz.', 'wrong_person'],
    ['Número equivocado, este es el de mi hermano, apúntelo: 600 123 456', 'wrong_person'],
    ['This inbox is monitored Monday to Friday, 8am to 6pm. We will reply as soon as we can.', 'neutral'],
  ])('%s is %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it('reads "back on the table" as no return from leave', () => {
    expect(
      classify("Let's park it for now, I'll come back to you when the budget is back on the table.").label,
    ).not.toBe('out_of_office');
  });
});
