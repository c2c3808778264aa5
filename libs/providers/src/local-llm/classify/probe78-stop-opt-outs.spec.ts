import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('opt-outs without the usual words, and their look-alikes (probe 78)', () => {
  it.each([
    ["Stop, ça ne m'intéresse pas", 'fr, a stop word then a refusal clause'],
    ["Arrêtez svp, j'ai déjà dit non.", 'fr, a stop word then "I already said no"'],
    ['basta pls, ogni giorno un messaggio, non ne posso più', 'it, a stop word then a complaint'],
    ['gente, para com isso, todo dia mensagem', 'pt, a stop word then "every day a message"'],
    ['Stop, das interessiert mich nicht.', 'de, a sibling'],
    ['Chega, isso não me interessa.', 'pt, a sibling'],
    ['Basta, ya te dije que no.', 'es, a sibling'],
    ['Hou op, ik heb al nee gezegd!', 'nl, a sibling'],
    ['Smettetela, ogni giorno tre messaggi.', 'it, a sibling'],
    ['Stop, we already said no.', 'en, a sibling'],
    ['stop pls we r not buying', 'en, a courtesy word and no comma'],
    ['Stop, merci, pas intéressée.', 'fr, thanks between'],
    ['Hör auf, ich hab kein Interesse.', 'de, hör auf'],
    ['Schluss jetzt, kein Interesse.', 'de, schluss jetzt'],
    ['basta ya, no me interesa nada de esto', 'es, "nada de esto" after the refusal'],
    ['Stop, das interessiert mich nicht mehr.', 'de, "mehr" after the refusal'],
    ['nu mai vreau mesaje', 'ro, wants no more messages'],
    ['c bon là, arrêtez les msg', 'fr, arrêtez les messages in shorthand'],
    ['arrêtez les mail svp', 'fr, a singular sibling'],
    [
      'Schluss mit den ständigen Anrufen und SMS, ich will nichts von Ihnen.',
      'de, an adjective before the noun',
    ],
    ['Schluss mit den ewigen Mails!', 'de, a sibling'],
    ['nada mas de msjs x fa, no me interesa', 'es, nothing more of the messages'],
    ['Nada más de correos, gracias.', 'es, a sibling'],
    ['I want these texts to end today.', 'en, the messages to end today'],
    ['I need these emails to stop immediately.', 'en, a sibling'],
    ['u can quit messgin me now, thnx', 'en, a typo of messaging'],
    ['pls stop messagin me', 'en, a sibling typo'],
    ['Dispenso as mensagens de vocês daqui pra frente, obrigada.', 'pt, does without the messages'],
    ['Dispensamos os e-mails de vocês.', 'pt, a sibling'],
    ['kripya mujhe dobara sampark na karein', 'hi, do not contact me again'],
    ['Încetați să-mi mai scrieți.', 'ro, stop writing to me'],
    ['Încetați să mă mai sunați, vă rog.', 'ro, a sibling'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['No me manden más PDFs, llámenme mañana a las 12 y lo hablamos.', 'meeting_request'],
    ['Ne m’envoyez plus de PDF, appelez-moi demain à 10h.', 'meeting_request'],
    ['Arrête, tu me fais rougir 😊', 'neutral'],
    ['Pare, não acredito, que notícia boa!', 'neutral'],
    ['Basta così per oggi, grazie delle info.', 'neutral'],
    ['Genug Theorie, zeigen Sie es mir: Donnerstag um 14 Uhr?', 'meeting_request'],
    ["Stop, we're not buying the hype, but show me the numbers. Call Tuesday 3pm?", 'meeting_request'],
    ['Hör auf, dich zu entschuldigen, kein Problem!', 'neutral'],
    [
      "Mon chef a répondu « Stop, ça ne m'intéresse pas » mais moi ça m'intéresse, envoyez-moi la plaquette.",
      'interested',
    ],
    [
      "Si un client répond « Arrêtez, j'ai déjà dit non », est-ce que votre outil le retire automatiquement ?",
      'question',
    ],
    ["What happens if a lead replies 'stop, we already said no'? Do you suppress them?", 'question'],
    ['stop for now, not interested this quarter', 'not_now'],
    ["Stop, ça ne m'intéresse pas pour l'instant, recontactez-moi en mars.", 'not_now'],
    ['Arrêtez svp les sms pour l’instant, je reviens vers vous en janvier.', 'not_now'],
    ['Dispenso os e-mails, prefiro WhatsApp. Quanto custa o plano anual?', 'question'],
  ])('is no opt-out: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    [
      'Tolong berhenti kirim invoice ke email saya, kirim ke finance@majuabadi.co.id ya',
      'id, invoices to another address',
    ],
    ['Jangan kirim tagihan ke nomor ini lagi, kirim ke email kantor saja.', 'id, a sibling'],
    ["Don't stop, I want these emails to keep coming.", 'en, asks not to stop'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
