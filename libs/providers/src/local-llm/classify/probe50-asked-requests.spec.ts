import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('questions that contain opt-out words, and opt-outs asked as questions (probe 50)', () => {
  it.each([
    ['Can I get a list of everyone who opted out last month?', 'those who did it'],
    [
      'Werden abgemeldete Kunden nicht mehr angerufen, auch wenn sie in zwei Kampagnen sind?',
      'de: the customers as subject',
    ],
    ["Quel est le taux de désinscription habituel dans l'immobilier ?", 'fr: an opt-out rate'],
    ['Qual costuma ser a taxa de descadastro em clínicas?', 'pt: an opt-out rate'],
    ['Possiamo cambiare il testo di disiscrizione in fondo ai messaggi?', 'it: the opt-out text'],
    ['Is there a way to unsubscribe 50 contacts at once from the dashboard?', 'other people as the object'],
    [
      "Pouvez-vous me dire si la désinscription efface aussi l'historique de mes commandes ?",
      'fr: tell me whether',
    ],
    ['Vorrei sapere se la disiscrizione cancella anche i punti fedeltà.', 'it: an indirect question'],
    ['Vocês adicionam o botão de descadastro sozinhos ou temos de configurar?', 'pt: a button put in'],
    ['Hoe verwerken jullie een STOP ontvangen via WhatsApp?', 'nl: the keyword received'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['¿Me podéis dar de baja, por favor?', 'es: a request asked'],
    ['¿Podría dejar de recibir sus correos?', 'es: can I stop getting these'],
    ['Posso non ricevere più i vostri messaggi?', 'it: can I stop getting these'],
    ['Kan ik jullie mails ergens afbestellen?', 'nl: can I stop getting these'],
    ['Wie kann ich mich hier austragen?', 'de: where or how to sign off here'],
    ['Wie heeft jullie dit nummer gegeven? Haal het gewoon weg.', 'nl: take it away'],
    ['Does STOP cover the calls as well? I want everything to stop.', 'a scope question, then the wish'],
    ['Hoe vaak moet ik nog vragen om te stoppen?', 'nl: how many times'],
    [
      '¿Por qué seguimos recibiendo correos si ya nos dimos de baja?',
      'es: already opted out, still arriving',
    ],
    ['Ich habe mich schon abgemeldet und bekomme trotzdem immer noch Mails?', 'de: already opted out'],
    ['¿No os llegó mi petición de baja? Siguen llegando correos.', 'es: their own request referred to'],
    ['What do I need to send back to get off this?', 'asks what to send'],
    ['Would it be possible to be taken off your mailing list?', 'is it possible'],
    ['Any chance you could stop the WhatsApps? Cheers.', 'any chance'],
    ['Where is the unsubscribe link on these emails?', 'where the link is'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Could you tell me if unsubscribing deletes my saved quotes?', 'question'],
    ['Will replying STOP cancel my appointment next Monday too?', 'question'],
    ['If I quit after two weeks, do I still pay for the month?', 'question'],
    ['Can we cancel my appointment on Friday and do Monday at 10?', 'meeting_request'],
    ['Please let me know if you can remove me from the list.', 'unsubscribe'],
    ['Congrats, you found the one person who never wants to hear from you again', 'unsubscribe'],
  ])('keeps the neighbours apart: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
