import { REPLY_LABELS, type ReplyLabel } from '../../llm/llm-tasks';
import { extractReferral, handedOverTo } from './referral';
import { labelReplyText } from './reply-classifier';

const RECEIVED = '2026-12-03T09:00:00Z';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: RECEIVED }, null);

const LABELS: readonly ReplyLabel[] = REPLY_LABELS;

describe('wrong-person replies without the usual wording (probe 49)', () => {
  it.each([
    'Herr Krämer ist seit Oktober in Rente.',
    'Madame Roux est partie à la retraite cet été.',
    'El señor Ortiz se jubiló el año pasado.',
    'La signora Neri è andata in pensione a giugno.',
    'Meneer Dekker is sinds de zomer met pensioen.',
    'O Sr. Lopes reformou-se em setembro.',
    'She went on leave in the spring and is not coming back to the job, sorry.',
    'I think you have me mixed up with someone else, I work in a bakery.',
    'Das regelt bei uns die Chefin, ich bin nur Azubi.',
    'Esto lo gestiona el gerente, yo solo atiendo el teléfono.',
    'Deve rivolgersi alla segreteria, io non posso aiutarla.',
    'Sorry, I only handle the rota and nothing else.',
    "We're only their bookkeepers, not the company itself.",
    'Got the wrong end of this one: Joe in stores would know more.',
    'Ich habe Ihre Anfrage an unseren Einkaufsleiter weitergegeben.',
    'nope not me. get hold of Sandra at the depot',
  ])('is a wrong person: %s', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });
});

describe('opt-outs said for two people at once (probe 49)', () => {
  it.each([
    'Neither of us wants any more of these emails. Remove both addresses.',
    'Keiner von uns beiden möchte Werbung bekommen.',
    'Aucun de nous deux ne veut recevoir vos messages.',
    'Geen van ons wil nog berichten ontvangen.',
    'Dennos de baja, por favor.',
    'We willen deze mails niet meer.',
  ])('is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});

describe('another person mentioned by the right person (probe 49)', () => {
  it.each([
    ["Happy to look at it - cc'ing my assistant Jo who will find us a time.", 'meeting_request'],
    ['Wrong number for Sam but it sounds handy, what does it cost?', 'interested'],
  ])('is not a wrong person: %s', (text, label) => {
    expect(LABELS).toContain(label);
    expect(classify(text).label).toBe(label);
  });

  it.each([
    'Looping in my assistant Megan so she is aware.',
    "cc'ing my assistant Rosa, she keeps my diary.",
  ])('copying in their own assistant hands nothing over: %s', (text) => {
    expect(handedOverTo(text)).toBeNull();
  });
});

describe('referrals in looser forms (probe 49)', () => {
  it.each([
    [
      'Das entscheidet bei uns Frau Dr. Brandt, erreichbar unter brandt@holzwerk-sued.de',
      'Brandt',
      'brandt@holzwerk-sued.de',
      null,
    ],
    ['Dafür müssen Sie sich an Herrn Dipl.-Ing. Olaf Reins wenden.', 'Olaf Reins', null, null],
    ['Ce dossier relève de Mme Petitjean, joignable au 01 44 55 66 77.', 'Petitjean', null, '01 44 55 66 77'],
    ['Eso lo lleva la Sra. Robles, la encontrará en administración.', 'Robles', null, null],
    ['Deve parlare con la dott.ssa Lucia Ferri.', 'Lucia Ferri', null, null],
    ['Daar gaat meneer Smits over, bel hem op 010 223 4455.', 'Smits', null, '010 223 4455'],
    ['É com a D. Graça Pinto, da contabilidade.', 'Graça Pinto', null, null],
    ["That one is Priya Nair's area, not mine.", 'Priya Nair', null, null],
    ['Not mine to decide - try our MD, Colm Byrne.', 'Colm Byrne', null, null],
    ['talk to our warehouse guy Lenny on 07700 900 812', 'Lenny', null, '07700 900 812'],
    ["Per queste cose c'è Marta Gallo, m.gallo@edilgallo.it", 'Marta Gallo', 'm.gallo@edilgallo.it', null],
    ['da musst du die Anja fragen', 'Anja', null, null],
  ])('reads the successor of %s', (text, name, email, phone) => {
    const referral = extractReferral(text);
    expect(referral?.name).toContain(name);
    expect(referral?.email ?? null).toBe(email);
    expect(referral?.phone ?? null).toBe(phone);
  });
});
