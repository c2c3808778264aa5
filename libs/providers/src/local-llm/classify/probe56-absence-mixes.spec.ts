import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('an absence mentioned beside another intent (probe 56)', () => {
  it.each([
    ["I'm on holiday till the 20th. Do you have an API we could use?", 'question'],
    ['Off sick this week. Is the mobile app included in the price?', 'question'],
    ['En vacances jusqu’au 18. Votre outil fonctionne-t-il avec Pipedrive ?', 'question'],
    ['Estoy de viaje hasta el martes. ¿Cuántos usuarios incluye la licencia?', 'question'],
    ['Bin bis Freitag auf Geschäftsreise. Gibt es eine deutsche Oberfläche?', 'question'],
    ['On paternity leave, so a quick no from me: we have no use for this.', 'not_interested'],
    ['Sono in ferie fino al 12. Non ci interessa, grazie.', 'not_interested'],
    ['Ik ben op vakantie tot de 16e. Geen interesse, dank je.', 'not_interested'],
    ['Travelling until Thursday - can we do a call Friday at 3pm?', 'meeting_request'],
    ['Estou fora até quarta. Podemos falar na quinta às 11h?', 'meeting_request'],
    ["I'm on a course until the 9th. Please get in touch again when I'm back.", 'not_now'],
    ['Bin bis Ende Januar in Elternzeit. Melden Sie sich bitte im Februar wieder.', 'not_now'],
  ])('is read by what else it says: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    "I'm on long-term leave; Peter Walsh has taken over my accounts: peter.walsh@corvel.co.uk",
    'Ich bin in Mutterschutz. Ansprechpartnerin ist jetzt Frau Anke Roth, a.roth@meyer-bau.de.',
    'Je suis en congé parental. C’est désormais Luc Bernard qui s’occupe des achats : l.bernard@sovac.fr',
    'Sono in aspettativa e ora la segue Paola Neri: p.neri@tessiture-alpi.it',
  ])('hands the work over for good: %s', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it.each([
    'Automatic reply: I am on leave until 14 December. Any questions about your order? Please email orders@balfour.co.uk.',
    'Out of office until 11 December. Need help sooner? Call our support line on 0800 123 4567.',
    "Thank you for your message. I'm away until Monday 7 December. Looking for our price list? See www.kestrel.io/prices.",
    'Out of office until the 9th. Why am I getting this? Because you emailed me while I am away.',
    'Risposta automatica: sono in ferie fino al 10 dicembre. Non accetto appuntamenti in questo periodo.',
    'Automatisch antwoord: ik ben tot 14 december afwezig. Vragen? Mail info@vandam.nl.',
    "I'm on leave until 10 December; Sam Cole is looking after my accounts while I'm away (sam.cole@orwell.com).",
    'Jenny is on holiday until Monday, try her again then.',
  ])('stays an away reply: %s', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });
});
