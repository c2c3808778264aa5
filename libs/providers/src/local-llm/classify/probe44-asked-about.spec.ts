import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('questions about opting out, often typed without their "?" (probe 44)', () => {
  it.each([
    ['what happens to my order history if i unsubscribe', 'a consequence asked about, no "?"'],
    ['if i opt out do you also delete my phone number', 'a condition, then what the reader does'],
    ['If we remove ourselves from the list, is our data kept anywhere', 'a condition, then "is our …"'],
    ['how long do you store my address after i unsubscribe', 'after the writer opts out'],
    ['once i opt out will i still see my invoices', 'once the writer opts out'],
    ['if i click unsubscribe in the newsletter do the sms stop as well', 'a click asked about'],
    ['does replying stop cancel the whatsapp messages too', 'what a reply does'],
    ['when they hit unsubscribe what page do they land on', 'somebody else unsubscribing'],
    ['how do most customers get off your list, for our policy doc', 'people in general'],
    ['could i snooze it rather than unsubscribe', 'a pause instead of opting out (en)'],
    ['puedo congelar la cuenta en lugar de darme de baja', 'es: en lugar de'],
    ['je peux suspendre au lieu de me désabonner', 'fr: au lieu de'],
    ['posso sospendere anziché disiscrivermi', 'it: anziché'],
    ['se eu responder SAIR paro de receber os emails também', 'pt: a keyword in a condition'],
    ['als ik STOP antwoord krijg ik dan ook geen nieuwsbrieven meer', 'nl: what STOP would do'],
    ['falls ich kündige, bekomme ich dann auch keine newsletter mehr', 'de: a consequence asked about'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['hoe schrijf ik me uit voor deze mails', 'nl: how do I unsubscribe from these'],
    ['how can we remove ourselves from this', 'en: how to remove themselves'],
    ['How do I delete my email from your system', 'en: how to remove their details'],
    ['can you take me off your list', 'a request asked as a question'],
    ['how do i get off this list', 'how to get off it'],
    ['could you stop texting me', 'a request to stop'],
    ['if you could remove me from your list that would be great', 'a polite condition, still a request'],
    ['can you delete my details, i never signed up', 'a request for deletion'],
    ['STOP', 'the keyword alone'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['what happens to my order history if i unsubscribe', 'question'],
    ['hoe meld ik me af als het ooit nodig is', 'question'],
    ['wie trage ich mich aus, wenn es soweit ist', 'question'],
    ['comment je me désinscris si besoin', 'question'],
    ['wie melden wir uns ab, wenn es soweit ist', 'question'],
    ['se eu cancelar agora perco o histórico', 'question'],
    ['hay forma de recibir menos whatsapps', 'question'],
    ['als ik stop zeg krijg ik dan nog wel de facturen', 'question'],
    ['will unsubscribing cancel my order updates as well', 'question'],
    ['is there a way to stop these texts', 'unsubscribe'],
    ['if you could stop texting me that would be great', 'unsubscribe'],
  ])('reads the question as a question: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
