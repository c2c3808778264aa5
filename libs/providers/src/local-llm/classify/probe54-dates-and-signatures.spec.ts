import { REPLY_LABELS, type ReplyLabel } from '../../llm/llm-tasks';
import { classifyReplyText, labelReplyText } from './reply-classifier';
import { extractReturnDate } from './return-date';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const RECEIVED = '2026-12-09T10:00:00Z';
const classify = (text: string) =>
  classifyReplyText({ text, received_at: RECEIVED, timezone: 'Europe/Paris' }, null);
const label = (text: string) => labelReplyText({ text, received_at: RECEIVED }, null).label;

const LABELS: readonly ReplyLabel[] = REPLY_LABELS;

describe('a referral in the signature, a P.S. or a forwarded note (probe 54)', () => {
  it.each([
    [
      'Not something I look after.\n\n--\nOwen Price\nWorkshop Lead\nT: 01632 960 201\n\nSupplier enquiries: Grace Hall – grace.hall@orchardtools.co.uk',
      { name: 'Grace Hall', email: 'grace.hall@orchardtools.co.uk', phone: null },
    ],
    [
      "This isn't for me.\n\nRegards,\nMaya\n\nMaya Cole\nFacilities\n\nFor vendor questions please contact:\nIvan Petrov\nivan.petrov@lumenhall.com",
      { name: 'Ivan Petrov', email: 'ivan.petrov@lumenhall.com', phone: null },
    ],
    [
      'Dafür bin ich die Falsche.\n\nMit freundlichen Grüßen\nJana Voss\nEmpfang\n\nNachfolger im Einkauf: Herr Paul Meister, paul.meister@voss-holz.de',
      { name: 'Herr Paul Meister', email: 'paul.meister@voss-holz.de', phone: null },
    ],
    [
      'No llevo yo este tema.\n\nEnviado desde mi iPhone\n\nP.D. habla con Rocío Campos, 644 98 76 54',
      { name: 'Rocío Campos', email: null, phone: '644 98 76 54' },
    ],
    [
      "Wrong person I'm afraid - see Omar's note below.\n\n---------- Forwarded message ---------\nFrom: Omar Haddad <omar.haddad@brightpine.io>\nDate: Mon, 7 Dec 2026 at 10:12\nSubject: Tools\nTo: Staff <staff@brightpine.io>\n\nAny CRM pitches, send them to me.\nOmar",
      { name: 'Omar Haddad', email: 'omar.haddad@brightpine.io', phone: null },
    ],
    [
      'Not the right contact, sorry.\n\n> On Mon, 7 Dec 2026 at 09:00, Dana Whitfield <dana@reachline.io> wrote:\n> Worth a quick call?\n\nPS our office manager is Beth Rowe, beth.rowe@kilnhouse.co.uk',
      { name: 'Beth Rowe', email: 'beth.rowe@kilnhouse.co.uk', phone: null },
    ],
    [
      "Sorry, wrong person! I'm the bookkeeper.\n\nTessa\n\nTessa Lane\nAccounts\n\nPS Noah runs the shop, noah@lanebakes.co.uk",
      { name: 'Noah', email: 'noah@lanebakes.co.uk', phone: null },
    ],
  ])('is a wrong person with the referral below the new text: %s', async (text, referral) => {
    const result = await classify(text);
    expect(result.label).toBe('wrong_person');
    expect(result.referral).toEqual(referral);
  });

  it.each([
    'Not the right person, sorry.\n\n--\nKim Ash\nStores\nSwitchboard: 01632 960 000 | kim.ash@ashfield.co.uk',
    'Pas la bonne personne.\n\nCordialement,\nLéa Morel\nAssistante : Zoé Petit, 01 40 00 00 02',
  ])('gives no referral from the writer’s own card, a switchboard or an assistant: %s', async (text) => {
    const result = await classify(text);
    expect(result.label).toBe('wrong_person');
    expect(result.referral).toBeNull();
  });

  it.each([
    [
      'Sounds good, send the brochure.\n\nThanks,\nLuke\n\nLuke Ford | Director\nPA: Amy Shaw, amy.shaw@fordco.uk',
      'interested',
    ],
    [
      'Please take me off the list.\n\nRegards\nNina Roy\n\nData protection queries: contact our DPO at dpo@roycare.org',
      'unsubscribe',
    ],
  ])('is not a wrong person when the signature names someone else: %s', (text, expected) => {
    expect(LABELS).toContain(expected);
    expect(label(text)).toBe(expected);
  });
});

describe('a return day alone or a weekday and a day, in the languages of Europe (probe 54)', () => {
  it.each([
    ['Estoy de vacaciones hasta el viernes 18. Un saludo.', '2026-12-18'],
    ['Estou fora até o dia 21, inclusive.', '2026-12-22'],
    ["Je suis en arrêt jusqu'au 16. Merci.", '2026-12-16'],
    ['Sono in trasferta fino al 15 compreso.', '2026-12-16'],
    ['Ich bin bis inkl. Donnerstag 17. auf Schulung.', '2026-12-18'],
    ['Ik ben tot de 22e afwezig.', '2026-12-22'],
    ['Estoy fuera, vuelvo el lunes 14.', '2026-12-14'],
    ['Estou de folga, volto na quinta, dia 17.', '2026-12-17'],
    ['Ik ben er weer op de 5e. Fijne dagen!', '2027-01-05'],
    ['Ik ben tot woensdag 16 december niet bereikbaar.', '2026-12-16'],
    ['Hoi, ik zit tot vrijdag 18 december in Spanje. Vanaf maandag weer op kantoor.', '2026-12-21'],
  ])('is out of office back on the right day: %s', async (text, date) => {
    const result = await classify(text);
    expect(result.label).toBe('out_of_office');
    expect(result.return_date).toBe(date);
  });

  it('reads a date of another language when the reply is taken for Spanish', async () => {
    await expect(
      extractReturnDate('Retornaremos nossas atividades em 11 de janeiro.', 'es', RECEIVED, 'Europe/Lisbon'),
    ).resolves.toBe('2027-01-11');
  });

  it.each([
    'Pas avant le 11 janvier, on clôture les comptes.',
    'Mi ricontatti dopo il 14, adesso siamo pieni.',
    'Me liga depois do dia 18, estou sem tempo.',
    'Bis einschließlich 16.12. haben wir Inventur, danach gerne.',
    'Vor dem 21. wird das nix, melde dich dann nochmal.',
  ])('is a timing objection, not an away reply: %s', (text) => {
    expect(label(text)).toBe('not_now');
  });

  it('plans a meeting after the day the writer is back', () => {
    expect(label('Ik ben terug op de 14e; plan maar iets in op dinsdag 15 december om 10.00 uur.')).toBe(
      'meeting_request',
    );
  });
});
