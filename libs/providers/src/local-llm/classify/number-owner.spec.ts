import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' }, null);

describe('Who owns the number or inbox now (probe 34)', () => {
  it.each([
    ["Hi, I've only had this number a few weeks. Nobody called Graham here.", 'a recycled number'],
    ['My provider assigned me this number in November, sorry', 'the carrier gave it out again'],
    ['Tengo este número desde septiembre, no conozco a ningún Álvaro', 'es: had it since September'],
    ['Ich habe die Nummer erst seit Oktober.', 'de: had it only since October'],
    ['Nowy numer, nie jestem Paweł', 'pl: a new number, not that person'],
    ['Lena hat eine neue Nummer: 0176 1234567', 'de: the contact changed number'],
    ['Ce numéro est désormais celui d’un cabinet dentaire.', 'fr: the number is a business now'],
    [
      'Vous êtes sur le standard de la mairie, nous ne transmettons pas les messages commerciaux.',
      'fr: a switchboard',
    ],
    ['Tom moved on a few months ago.', 'moved on a while ago'],
    ["I'm not the one who approves purchases here.", 'not the one who buys'],
  ])('is the wrong person: %s (%s)', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it.each([
    ['Still me, just a new phone 👍 Thursday at 3 works', 'meeting_request'],
    ["This is Dave's new number btw. Can we do the call Friday at 11?", 'meeting_request'],
    ['I took over this inbox from Jess when she left. What does it cost for 10 users?', 'question'],
  ])('the contact themselves is not the wrong person: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    "I've had this number for twelve years, why are you asking?",
    "There's no rush here, get back to me next week.",
  ])('is not the wrong person: %s', (text) => {
    expect(classify(text).label).not.toBe('wrong_person');
  });

  it.each([
    ['my daughter is 14, stop texting her', 'a child, in the third person'],
    ['Mi hija tiene 15 años, no le manden más mensajes', 'es: a child'],
    ['Mon fils a 13 ans, arrêtez de lui envoyer des SMS.', 'fr: a child'],
    ['Mijn dochter is 13, stop met haar te appen.', 'nl: a child'],
    ["I'm Mr Hale's PA. He has asked that you no longer email him.", 'an assistant passing it on'],
    ['Sou secretária da Dra. Paula, ela pediu pra vocês pararem de mandar mensagem', 'pt: passed on'],
    ['Era el móvil de mi abuela. Por favor, no escriban más.', 'es: no more, without an object'],
    ['Mijn opa is overleden. Stop alsjeblieft met berichten sturen.', 'nl: stop sending messages'],
    ['Diese Nummer gehört jetzt mir, nehmen Sie sie bitte aus dem Verteiler.', 'de: take the number off'],
    ['reporting this number to 7726', 'reported to the spam short code'],
    ['Esto es acoso.', 'es: harassment'],
    ['Dit is intimidatie.', 'nl: harassment'],
    ['Ik dien een klacht in bij de ACM.', 'nl: a complaint to the regulator'],
    ['Vou denunciar no Procon.', 'pt: a complaint to the regulator'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['¿De dónde sacaron mi número?', 'es: where did you get my number, nothing asked'],
    ["My son is 12, don't text him before 8am please", 'only some hours'],
    ['Stop emailing Jack, he left in October', 'a colleague who left, not a relative'],
    ['She asked me to tell you to stop by Thursday', 'passed on, but a visit'],
    ['Esto es acoso laboral, ¿su herramienta ayuda con las denuncias?', 'es: harassment as a topic'],
    [
      'Your last invoice was wrong: 14 seats billed, we have 11. Who can fix it?',
      'a complaint about billing',
    ],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('the hour a message arrived proposes no meeting', () => {
    expect(classify('your reminder came at 6am btw, bit early. no drama').label).not.toBe('meeting_request');
  });

  it.each([
    'Ich möchte die Preise sehen, der Link ging nicht.',
    'El enlace no abre. Quiero ver los precios.',
    'De link werkt niet, wil de prijzen zien.',
  ])('wanting to see the prices is interest: %s', (text) => {
    expect(classify(text).label).toBe('interested');
  });
});
