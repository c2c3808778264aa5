import { withModelSureOf } from './model-sure-of.fixture';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('next steps, buying questions and promises to come back (probe 53)', () => {
  it.each([
    ['Perfect. What would you need from us to get the account set up?', 'what they need from us'],
    ['Who do we send the purchase order to?', 'where the PO goes'],
    ['Could you send over the order form for 12 licences?', 'the order form'],
    ['We want to go live in February, so let us know what is missing.', 'a start date, not a delay'],
    ['When can we start the pilot?', 'when to start, not when to meet'],
    ['I will get back to you with the countersigned agreement on Monday.', 'coming back with the papers'],
    ['Signed off by the board this morning. Over to you.', 'approved on their side'],
    [
      'Sorry for the slow response, end of month crunch. We would like to go ahead with the Pro plan.',
      'the late reply excused, not a time',
    ],
    ['Queremos contratarlo. ¿Cuánto sería para 4 sedes?', 'es: wants to buy, then the price'],
    ['Wann können wir mit der Einrichtung starten?', 'de: when to start'],
    ['Wir möchten das ab März einsetzen. Was brauchen Sie noch von uns?', 'de: a start month'],
    ['Très bien, quelles sont les prochaines étapes pour nous ?', 'fr: next steps'],
    ['Nos encaja. ¿Cuál es el siguiente paso?', 'es: next step'],
    ['¿Nos podéis enviar el contrato para 8 usuarios?', 'es: the contract'],
    ["D'accordo, quali sono i prossimi passi per attivarlo?", 'it: next steps'],
    ['Combinado. Qual é o próximo passo?', 'pt: next step'],
    ['Prima, hoe gaan we nu verder met de implementatie?', 'nl: how to go on'],
    ['Stuur ons de overeenkomst maar, dan tekenen we.', 'nl: the agreement'],
    ['Vi vill köra. Vad är nästa steg?', 'sv: next step'],
  ])('is interest: %s (%s)', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    ["Thanks, I'll get back to you shortly.", 'en'],
    ['Thanks for the deck, I will go through it with my co-founder and get back to you.', 'en'],
    ['Merci, je consulte mon équipe et je reviens vers vous.', 'fr'],
    ['Danke, ich schaue mir das an und melde mich bei Ihnen.', 'de'],
    ['Gracias, lo consulto con dirección y le respondo.', 'es'],
    ['Grazie, ne parlo con il titolare e vi faccio sapere.', 'it'],
    ['Obrigado, vou ver com a diretoria e te dou um retorno.', 'pt'],
    ['Dank u, ik bespreek het intern en laat het u weten.', 'nl'],
  ])('a bare promise to come back is neutral, whatever the model guesses: %s (%s)', (text) => {
    expect(classify(text).label).toBe('neutral');
    expect(withModelSureOf(text, 'question')).toBe('neutral');
    expect(withModelSureOf(text, 'not_interested')).toBe('neutral');
  });

  it.each([
    ['Ne me relancez pas, je reviens vers vous.', 'fr: after do not chase me'],
    ['I will get back to you after the board meeting in January.', 'a later time'],
    ['Ich melde mich, sobald das Budget freigegeben ist.', 'de: a condition'],
    ['Je reviens vers vous quand nous serons prêts.', 'fr: a condition'],
  ])('a promise with a time or a condition stays not now: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it.each([
    ['Please stop calling my mobile, send the agreement by email and we will sign it.', 'en: calls refused'],
    ['Não me liguem mais, mandem o contrato por email que assinamos.', 'pt: calls refused'],
    ["Don't ring me, I'm always on site. Just send the proposal and the sign-up link.", 'en: call refused'],
    [
      'Please remove me from the webinar invites, but we do want the trial. What are the next steps?',
      'en: one mailing left, the trial wanted',
    ],
  ])('a channel or one mailing refused beside the next steps is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Does it integrate with Zoho, and what does it cost per user?', 'question'],
    ['Is there a setup fee?', 'question'],
    ['No next steps for us. Take me off your list.', 'unsubscribe'],
    ['Ich melde mich, falls wir Bedarf haben. Bis dahin keine Mails mehr bitte.', 'unsubscribe'],
    ['Out of the office until 14 December, I will get back to you when I return.', 'out_of_office'],
  ])('keeps the neighbours apart: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
