import { labelReplyText } from './reply-classifier';
import { extractReturnDate } from './return-date';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);
/** With the built-in trained model, where the model alone guessed wrong before a rule read the reply. */
const withModel = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('the long-tail languages (probe 62)', () => {
  it.each([
    ['Wypisuję się z tego, dziękuję.', 'pl: I sign myself off'],
    ['Dość tych smsów, serio.', 'pl: enough of these texts'],
    ['Добавьте мой номер в стоп-лист, пожалуйста.', 'ru: put my number on the stop list'],
    ['Перестаньте писати мені на пошту.', 'uk: stop writing to me'],
    ['Vi ønsker ikke at modtage flere tilbud fra jer.', 'da: want no more offers'],
    ['Jeg frabeder meg flere henvendelser.', 'nb: decline further approaches'],
    ['Lopeta jo!', 'fi: stop, alone'],
    ['Kérem, töröljenek a listájukról, köszönöm.', 'hu: delete me from your list'],
    ['Odhlásila jsem se před týdnem a stále mi chodí vaše maily.', 'cs: an opt-out that did not take'],
    ['Vă rog să mă scoateți de pe lista voastră.', 'ro: take me off the contact list'],
    ['Αφαιρέστε με από τις λίστες σας, ευχαριστώ.', 'el: remove me from your lists'],
    ['麻烦把我从你们的名单里删掉。', 'zh: take me off your list'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Не прекращайте рассылку, очень полезно! Какая цена за год?', 'interested', "ru: don't stop"],
    [
      'Nu vă opriți cu newsletterul, e foarte util. Cât costă abonamentul anual?',
      'interested',
      "ro: don't stop",
    ],
    [
      'Stop ikke med nyhedsbrevet, det er super brugbart. Hvad koster en licens?',
      'interested',
      "da: don't stop",
    ],
    ['멈추지 마세요! 뉴스레터 정말 좋아요. 가격이 어떻게 되나요?', 'interested', "ko: don't stop"],
    ['顧客が配信停止できる機能はありますか？', 'question', "ja: the customers' opt-out"],
    ['你们能让用户一键退订邮件吗？', 'question', "zh: the users' opt-out"],
    ['לא צריך להסיר אותי, פשוט לא עכשיו.', 'not_now', 'he: no need to remove me'],
  ])('is no opt-out: %s → %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it('reads "no need to take me off the list" in Hinglish as no opt-out', () => {
    const text = 'List se nikalne ki zarurat nahi, bas abhi interest nahi hai.';
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Saya bercuti hingga 12 Disember.', 'out_of_office', 'ms: on leave'],
    ['Меня не будет на работе до понедельника.', 'out_of_office', 'ru: not at work'],
    ['Holder juleferie, er tilbage mandag.', 'out_of_office', 'da: on holiday, back on'],
    ['Lipsesc din birou săptămâna aceasta.', 'out_of_office', 'ro: out of the office'],
    ['Pomyłka, to numer prywatny.', 'wrong_person', 'pl: a mistake, private number'],
    [
      'Saya bukan orang yang tepat, cuba tanya bahagian kewangan.',
      'wrong_person',
      'ms: not the right person',
    ],
    ['لست الشخص المختص بهذا، آسف.', 'wrong_person', 'ar: not the one in charge'],
    ['यह गलत नंबर है।', 'wrong_person', 'hi: wrong number'],
    ['ผมไม่ได้ดูแลส่วนนี้ครับ', 'wrong_person', 'th: not my area'],
    ['Rozmawiałem z szefem – nie wchodzimy w to.', 'not_interested', 'pl: we are not going into it'],
    ['Kami sudah pakai sistem lain, makasih.', 'not_interested', 'id: already use another system'],
    ['看过了，不需要。', 'not_interested', 'zh: no need'],
    ['अभी बजट नहीं है, मार्च में बात करें।', 'not_now', 'hi: no budget now'],
    ['Ne interesează, puteți trimite detalii?', 'interested', 'ro: we are interested'],
    ['मुझे इसमें रुचि है।', 'interested', 'hi: interested'],
  ])('labels %s as %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['Παίζει και σε Android;', 'question', 'el: the Greek question mark'],
    ['Υπάρχει έκδοση για iPhone; Και πόσο κοστίζει;', 'question', 'el: the question mark after a Latin word'],
    ['Peki, teşekkür ederim.', 'neutral', 'tr: a thank-you alone'],
    ['Okei, kiitos!', 'neutral', 'fi: a thank-you alone'],
    ['Уберите мой старый адрес из рассылки, теперь пишите на anna@novaya.ru', 'neutral', 'ru: address swap'],
  ])('with the trained model, labels %s as %s (%s)', (text, label) => {
    expect(withModel(text).label).toBe(label);
  });

  it.each([
    ['Jsem na dovolené, zpět budu 7. ledna.', 'cs', '2027-01-07'],
    ['Sunt în concediu până la 8 ianuarie.', 'ro', '2027-01-08'],
    ['Θα επιστρέψω στις 11 Ιανουαρίου.', 'el', '2027-01-11'],
    ['मैं 15 दिसंबर तक छुट्टी पर हूँ।', 'hi', '2026-12-15'],
    ['ลาพักร้อนถึงวันที่ 6 มกราคม', 'th', '2027-01-06'],
    ['Szabadságon vagyok, január 7-én jövök vissza.', 'hu', '2027-01-07'],
    ['12월 21일부터 12월 24일까지 휴가입니다.', 'ko', '2026-12-25'],
    // the range now read as one must not outrank the day back named after it
    ['12月21日から12月23日まで休暇をいただき、12月28日より出社いたします。', 'ja', '2026-12-28'],
  ])('reads the return date of %s', async (text, language, expected) => {
    expect(await extractReturnDate(text, language, '2026-12-02T09:00:00Z', 'Europe/Berlin')).toBe(expected);
  });
});
