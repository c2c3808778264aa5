import { withModelSureOf } from './model-sure-of.fixture';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('opt-outs inside threads, and threads that only quote or report one (probe 55)', () => {
  it.each([
    [
      'Muchas gracias por el presupuesto, lo revisamos la semana que viene.\n\nUn saludo,\nInés\n\nP.D.: no quiero recibir más correos de publicidad, dadme de baja.',
      'es: a posdata "P.D.:" under the closing',
    ],
    [
      'Todo correcto con el pedido.\n\nSaludos,\nManuel\n\nPD: por favor quitadme de esa lista de promociones.',
      'es: a posdata "PD:" under the closing',
    ],
    ['Quitadme de esa lista, gracias.', 'es: quitadme, esa lista'],
    ['I know I said remove me before, and you keep emailing anyway. Remove me.', 'conceded, still sent'],
    ['I know I said stop, but I really mean it this time.', 'conceded, nothing changed'],
    ['I never asked to be on your list. Remove me.', 'the contact was never asked for'],
    [
      'Thanks for the notes from Tuesday.\n\nBest,\nKate\n\nP.S. please take me off the marketing emails.\n\nOn Tue, Dec 1, 2026 at 9:00 AM Sam <sam@reachline.io> wrote:\n> Hi Kate, here are the notes. Reply STOP to opt out.',
      'a P.S. above the quoted thread',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    [
      "I know I asked you to take me off your list in June, but our plans changed and we'd like a demo now. Is Tuesday at 10 good?",
      'conceded, then the plans changed',
    ],
    [
      'I realise my predecessor told you to stop contacting the clinic. She has retired and I took over in November: please send me your prices.',
      'conceded for a predecessor who retired',
    ],
    [
      'Just to be clear, I did not ask to be unsubscribed. Somebody must have clicked the link by mistake.',
      'denies asking',
    ],
    ['Non abbiamo chiesto noi la disiscrizione. Continuate pure a scriverci.', 'it: denies asking'],
    ["Je n'ai jamais demandé à être désinscrit, c'est une erreur de votre côté.", 'fr: denies asking'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Does it sync with the booking app that we already use?', 'question'],
    ['Integra com o CRM que já temos?', 'question'],
    ['Se integra con la agenda que ya usamos?', 'question'],
    ['If a patient replies in the middle of a thread, does it still land in the inbox?', 'question'],
    ["We're in the middle of a system migration, try me next quarter.", 'not_now'],
    ['We already use Mailchimp, thanks.', 'not_interested'],
    ['Looping back on this - send me the pricing for 5 seats please.', 'interested'],
    ['Vorremmo provarlo nelle due sedi di Torino.', 'interested'],
    ['Potete inviarmi una proposta per tre utenti?', 'interested'],
  ])('keeps the neighbours apart: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each(['Zur Kenntnis.', 'FYI.', 'Per conoscenza.', 'Para su información.'])(
    'a forward passed on for information stays neutral beside a model sure of interest: %s',
    (text) => {
      expect(withModelSureOf(text, 'interested')).toBe('neutral');
    },
  );
});
