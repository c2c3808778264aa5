import { classifyReplyText } from './reply-classifier';
import { extractReturnDate, zoneOffsetMinutes } from './return-date';

const RECEIVED = '2026-11-30T09:00:00Z'; // a Monday

describe('extractReturnDate', () => {
  it.each([
    ['I am out of the office until December 10.', 'en', '2026-12-10'],
    ['Out of office, back Monday.', 'en', '2026-12-07'],
    ['On vacation Dec 2-9, limited email.', 'en', '2026-12-10'],
    ['OOO through Dec 11, back on the 14th.', 'en', '2026-12-14'],
    ["hey its dana um i'm off until wednesday the ninth so call back then", 'en', '2026-12-09'],
    ['out sick back on the twenty first', 'en', '2026-12-21'],
    ['Out the first week of December, back Monday.', 'en', '2026-12-07'],
    ['I am on leave through Friday 4 December.', 'en', '2026-12-05'],
    ['Out of office until 07/12/2026.', 'en', '2026-12-07'],
    ['Back in the office on 2026-12-15.', 'en', '2026-12-15'],
    ['Out today, returning tomorrow.', 'en', '2026-12-01'],
    ['Out of office. Back next week.', 'en', '2026-12-07'],
    ['On parental leave until March 2027.', 'en', '2027-03-01'],
    ['Out of office. Back Jan 4.', 'en', '2027-01-04'],
    ['I am currently out of the office.', 'en', null],
    ['Ich bin bis einschließlich 18.12.2026 nicht im Büro.', 'de', '2026-12-19'],
    ['Ich bin bis zum 18. Dezember im Urlaub.', 'de', '2026-12-18'],
    ['Ich bin ab dem 14.12. wieder erreichbar.', 'de', '2026-12-14'],
    ['Ich bin vom 1. bis 11. Dezember abwesend.', 'de', '2026-12-12'],
    ["Je suis absent jusqu'au 8 décembre inclus.", 'fr', '2026-12-09'],
    ['Je serai de retour le 7 décembre.', 'fr', '2026-12-07'],
    ['Estoy de vacaciones hasta el 9 de diciembre.', 'es', '2026-12-09'],
    ['Estou de férias até 11/12, retorno dia 14/12.', 'pt', '2026-12-14'],
    ['Sono in ferie fino al 7 dicembre compreso.', 'it', '2026-12-08'],
    ['Ik ben afwezig tot en met vrijdag 4 december.', 'nl', '2026-12-05'],
    // A word that is an English weekday abbreviation ("mon" absence) is no date in another language.
    ["Je suis en congé maternité jusqu'en mars. Contactez Julie pendant mon absence.", 'fr', null],
    ['Ik ben er niet, ik wed dat u dit leest na de vakantie.', 'nl', null],
    // "from" after the absence starts it; the day back comes later in the sentence.
    ['Annual leave from 14 December, returning 4 January.', 'en', '2027-01-04'],
    ['Im Urlaub ab dem 21.12., zurück am 7. Januar.', 'de', '2027-01-07'],
    ['Ik ben met verlof vanaf 10 december en terug op 11 januari.', 'nl', '2027-01-11'],
    ['Urlaub bis 4.12., ab 7.12. wieder im Büro.', 'de', '2026-12-07'],
  ])('%s → %s', async (text, language, expected) => {
    expect(await extractReturnDate(text, language, RECEIVED, 'Europe/Berlin')).toBe(expected);
  });

  it.each([
    ['Out of office until 12.12.2026.', '2026-12-12'],
    ['Out of the office, back Dec. 14', '2026-12-14'],
    ['Out of office, returning 14-12-2026.', '2026-12-14'],
    ['Out of office, returning 2026/12/14.', '2026-12-14'],
    ['On leave, back on the 14th of December.', '2026-12-14'],
    ['On vacation, back Monday the 14th.', '2026-12-14'],
    ['Ich bin im Urlaub und ab 14. Dez. wieder da.', '2026-12-14'],
    ['Estoy fuera de la oficina, vuelvo el lunes 14.', '2026-12-14'],
    ['Out of office until mid-December.', null],
    ['I am out of office, back after the holidays.', null],
    ['Out of office until Wednesday.', '2026-12-02'],
    ["I'm OOO Dec 1–4, back Dec 7.", '2026-12-07'],
    ['Out of office from 1 December to 4 December.', '2026-12-05'],
    ['Auto-reply: I am travelling this week and will be back in the office next Monday.', '2026-12-07'],
    ['Je suis absente du 30/11 au 04/12.', '2026-12-05'],
    ['Sono assente fino a venerdì 4/12.', '2026-12-04'],
    ['Estou fora do escritório de 30/11 a 4/12.', '2026-12-05'],
    ['Afwezig van 30-11 t/m 04-12.', '2026-12-05'],
    ['Abwesend bis 4.12.', '2026-12-04'],
  ])('reads the date format of %s → %s', async (text, expected) => {
    expect(
      (await classifyReplyText({ text, received_at: RECEIVED, timezone: 'Europe/Berlin' })).return_date,
    ).toBe(expected);
  });

  // English with no zone: either way round, the nearest date (a European zone reads them day first, a US zone month
  // first: return-date-zone-order.spec).
  it.each([
    ['Out of office until 12/07.', '2026-12-07'],
    ['Out of office until 1/4.', '2027-01-04'],
  ])('with no zone, reads %s → %s', async (text, expected) => {
    expect(await extractReturnDate(text, 'en', RECEIVED, null)).toBe(expected);
    expect((await classifyReplyText({ text, received_at: RECEIVED })).return_date).toBe(expected);
  });

  // Received on 3 December: the absence began the day before, so it ends this year, not the next.
  it.each([
    ['Ich bin vom 2. bis 10. Dezember nicht im Büro.', 'de', '2026-12-11'],
    ['I am out of the office from 2 to 10 December.', 'en', '2026-12-11'],
    ['On vacation Dec 1-9, limited email.', 'en', '2026-12-10'],
    ['Je suis absent du 2 au 10 décembre.', 'fr', '2026-12-11'],
    ['Sono in ferie dal 1 al 10 dicembre.', 'it', '2026-12-11'],
    ['Je suis absente du 30/11 au 04/12.', 'fr', '2026-12-05'],
    ['Afwezig van 30-11 t/m 04-12.', 'nl', '2026-12-05'],
    ['I am out of the office from 2 December 2026 to 10 December.', 'en', '2026-12-11'],
  ])('reads a range that began before the reply: %s → %s', async (text, language, expected) => {
    expect(await extractReturnDate(text, language, '2026-12-03T09:00:00Z', 'Europe/Berlin')).toBe(expected);
  });

  it.each([
    ['Estou de férias até 18 de dezembro de 2026.', '2026-12-18'],
    ['Hola, estoy de viaje hasta el viernes 11 de diciembre, con acceso limitado al correo.', '2026-12-11'],
    ['Estou em viagem até 9 de dezembro.', '2026-12-09'],
    ['Ik ben op reis tot 10 december.', '2026-12-10'],
  ])(
    'reads an away reply whose language shares "de" with others, or that travels: %s → %s',
    async (text, expected) => {
      const result = await classifyReplyText({ text, received_at: RECEIVED });
      expect([result.label, result.return_date]).toEqual(['out_of_office', expected]);
    },
  );

  it.each([
    ['Jestem na urlopie do 18 grudnia.', '2026-12-18'],
    ['15 Aralık tarihine kadar izindeyim.', '2026-12-15'],
    ['Saya sedang di luar kantor sampai 9 Desember.', '2026-12-09'],
    ['Я в командировке до 16 декабря.', '2026-12-16'],
    ['أنا في اجازة حتى 17 ديسمبر.', '2026-12-17'],
    ['main 21 December tak leave pe hoon', '2026-12-21'],
    ['أنا في إجازة حتى 9 ديسمبر، وسأرد عند عودتي.', '2026-12-09'],
    ['main 12 tareekh tak chutti pe hoon', '2026-12-12'],
    ['मैं 15 तारीख तक छुट्टी पर हूँ।', '2026-12-15'],
  ])(
    'reads an away reply in Polish, Turkish, Indonesian, Russian, Arabic or Hindi: %s → %s',
    async (text, expected) => {
      const result = await classifyReplyText({ text, received_at: RECEIVED });
      expect([result.label, result.return_date]).toEqual(['out_of_office', expected]);
    },
  );
  it('resolves relative days in the lead’s time zone', async () => {
    // 23:30 UTC on Monday is already Tuesday in Tokyo: "tomorrow" is Wednesday there.
    expect(await extractReturnDate('Back tomorrow.', 'en', '2026-11-30T23:30:00Z', 'Asia/Tokyo')).toBe(
      '2026-12-02',
    );
    expect(await extractReturnDate('Back tomorrow.', 'en', '2026-11-30T23:30:00Z', 'America/New_York')).toBe(
      '2026-12-01',
    );
  });

  it('knows the offset of a zone and falls back to UTC', async () => {
    expect(zoneOffsetMinutes('Europe/Berlin', new Date(RECEIVED))).toBe(60);
    expect(zoneOffsetMinutes('Not/AZone', new Date(RECEIVED))).toBe(0);
    expect(zoneOffsetMinutes(null, new Date(RECEIVED))).toBe(0);
  });
});
