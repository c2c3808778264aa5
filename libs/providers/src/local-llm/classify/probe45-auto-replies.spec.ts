import { REPLY_LABELS, type ReplyLabel } from '../../llm/llm-tasks';
import { combineWithModel, decideByRules } from './decide-label';
import { matchSignals } from './match-signals';
import { normaliseText } from './normalise-text';
import { classifyReplyText, labelReplyText } from './reply-classifier';

const RECEIVED = '2026-12-03T09:00:00Z';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: RECEIVED }, null);

const NONE = Object.fromEntries(REPLY_LABELS.map((label) => [label, 0])) as Record<ReplyLabel, number>;

/** The rules' decision beside a model sure (p 0.9) of `label`. */
function withModelSureOf(text: string, label: ReplyLabel): ReplyLabel {
  const { scores, hits } = matchSignals(normaliseText(text));
  const sure = { ...NONE, neutral: 0.05, question: 0.05, [label]: 0.9 };
  return combineWithModel(decideByRules(scores, hits), scores, sure, false, hits.length === 0).label;
}

describe('automatic replies and mailbox notices with opt-out words (probe 45)', () => {
  it.each([
    'Case 8812 opened. Reply STOP if you do not want to receive further texts about this case.',
    'Ihre Meldung 3391 ist eingegangen. Um keine SMS mehr zu erhalten, antworten Sie mit STOP.',
    'Demande n° 5520 enregistrée. Pour ne plus recevoir ces alertes, répondez STOP.',
    'Solicitud 7781 recibida. Para dejar de recibir avisos, responda STOP.',
    'Richiesta 4410 ricevuta. Rispondi STOP per non ricevere più avvisi.',
    'Melding 2290 ontvangen. Antwoord STOP om geen sms meer te krijgen.',
    'Pedido 6612 recebido. Responda STOP para deixar de receber alertas.',
  ])('a notice telling its own readers how to stop it stays neutral: %s', (text) => {
    expect(classify(text).label).toBe('neutral');
    expect(withModelSureOf(text, 'unsubscribe')).not.toBe('unsubscribe');
  });

  it.each([
    ['Auto-reply: away until Monday. PS from me: please remove me from your list.', 'unsubscribe'],
    ['Ticket 8812 opened. And please stop texting me, I never asked for this.', 'unsubscribe'],
    ['STOP. I do not want these texts.', 'unsubscribe'],
    ['Ich antworte nicht auf Werbung. Bitte keine Nachrichten mehr an diese Nummer.', 'unsubscribe'],
  ])('an opt-out beside a notice or a mention still counts: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['Apologies for my automatic reply last week. Could we talk on Thursday at 2pm?', 'meeting_request'],
    ['Sorry about the out of office message, I am around. What does it cost per seat?', 'question'],
    ['Just back from maternity leave - this looks useful, happy to hear more.', 'interested'],
    ['Wieder aus dem Urlaub zurück. Passt Mittwoch um 15 Uhr für einen Termin?', 'meeting_request'],
    ['Recebi a sua resposta automática. Quando é que a Ana regressa?', 'question'],
  ])('a human mentioning an away notice is not away: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    'I am on maternity leave until 1 March and not reading email.',
    'Automatic reply: I am on holiday until Monday 7 December.',
    'Ich bin bis 11.12. im Urlaub und lese keine E-Mails.',
  ])('a real away notice stays out of office: %s', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });

  it.each([
    ["Cette boîte mail n'est plus consultée, écrivez à accueil@maison-verte.fr.", 'accueil@maison-verte.fr'],
    ['Dit e-mailadres wordt niet meer gelezen. Stuur uw vraag naar balie@dekeet.nl.', 'balie@dekeet.nl'],
    ['Questo indirizzo non è più attivo. Scrivete a segreteria@villarosa.it.', 'segreteria@villarosa.it'],
    ['Este correo ya no se revisa. Escriba a recepcion@clinicamar.es.', 'recepcion@clinicamar.es'],
  ])('a mailbox no longer read is a wrong person with its successor: %s', async (text, email) => {
    const r = await classifyReplyText({ text, received_at: RECEIVED });
    expect(r.label).toBe('wrong_person');
    expect(r.referral).toEqual({ name: null, email, phone: null });
  });

  it.each([
    ['Thanks for texting Riverside Tacos! Our hours are 10am-9pm, we will reply soon.', 'meeting_request'],
    [
      'Away until the 9th. Please delete our fax number from your database, we closed that line.',
      'unsubscribe',
    ],
    [
      'Delivery blocked by policy. If this is a mistake, contact postmaster@harrowfields.org.',
      'wrong_person',
    ],
  ])('a machine notice is not what its words look like: %s', (text, not) => {
    expect(classify(text).label).not.toBe(not);
  });

  it('reads the first day back after a Spanish "volveré" with its accent', async () => {
    const text = 'Respuesta automática: fuera hasta el 15 de diciembre. Volveré el 16 de diciembre.';
    const r = await classifyReplyText({ text, received_at: RECEIVED, timezone: 'Europe/Madrid' });
    expect(r.return_date).toBe('2026-12-16');
  });
});
