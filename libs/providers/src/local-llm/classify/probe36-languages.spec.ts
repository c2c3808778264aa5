import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' }, null);

describe('replies in the thinly covered languages (probe 36)', () => {
  it.each([
    ['以后别再给我发消息了', 'zh: don’t send me messages again'],
    ['请勿再打扰，谢谢', 'zh: do not disturb again'],
    ['我要退订', 'zh: unsubscribe'],
    ['麻烦把我的手机号从名单里删除', 'zh: delete my number from the list'],
    ['Прошу більше не дзвоніть мені.', 'uk: don’t call me any more'],
    ['Видаліть мене з розсилки, будь ласка', 'uk: remove me from the mailing'],
    ['Годі!', 'uk: enough, alone'],
    ['отпишите', 'ru: unsubscribe me, alone'],
    ['Nevolejte mi uz prosim.', 'cs: don’t call me any more'],
    ['Smažte prosím moje údaje.', 'cs: delete my data'],
    ['Odhlaste mě z newsletteru.', 'cs: sign me off'],
    ['Hold nu op med at sende mig tilbud.', 'da: stop sending me offers'],
    ['Vær så snill og slutt å sende meg SMS.', 'nb: stop sending me texts'],
    ['Ingen flere mails, tak.', 'da: no more mails'],
    ['Älkää enää soittako tähän numeroon.', 'fi: don’t call this number any more'],
    ['Poistakaa tietoni rekisteristänne.', 'fi: delete my details'],
    ['Soha többet ne hívjanak!', 'hu: never call again'],
    ['Kérem, iratkoztassanak ki a hírlevélről.', 'hu: take me off the newsletter'],
    ['אל תשלחו לי יותר הודעות', 'he: don’t send me messages'],
    ['הסרה', 'he: removal, the SMS opt-out word'],
    ['ช่วยลบเบอร์ผมด้วยครับ', 'th: delete my number'],
    ['เลิกส่งข้อความมาได้แล้ว', 'th: stop sending messages'],
    ["SMS'ler artık gelmesin lütfen", 'tr: let the texts stop coming'],
    ['Ring inte mer, skicka inga fler sms.', 'sv: no more texts'],
    ['Σβήστε τα στοιχεία μου παρακαλώ', 'el: delete my details'],
    ['Tolong padam nombor saya', 'ms: delete my number'],
    ['pakidelete po yung number ko sa list nyo', 'tl: please delete my number'],
    ['メール配信は不要です', 'ja: no mailings wanted'],
    ['khalas matb3atlish tany', 'ar (Latin): don’t send me any more'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['别停，继续发吧，挺有用的', 'interested', 'zh: don’t stop'],
    ['Не зупиняйтеся, це корисно. Можна прайс?', 'interested', 'uk: don’t stop'],
    ['Nepřestávejte, je to užitečné. Můžete poslat ceník?', 'interested', 'cs: don’t stop'],
    ['Ne hagyják abba, kérhetnék árajánlatot?', 'interested', 'hu: don’t stop'],
    ['Älkää lopettako, tosi hyviä vinkkejä!', 'interested', 'fi: don’t stop'],
    ['אל תפסיקו לשלוח, זה מעולה. אפשר הצעת מחיר?', 'interested', 'he: don’t stop sending'],
    ['อย่าหยุดส่งนะคะ มีประโยชน์มาก', 'interested', 'th: don’t stop sending'],
    ['配信を止めないでください！毎回読んでいます。', 'interested', 'ja: don’t stop the mailing'],
    ['Huwag nyo pong itigil ang updates, salamat!', 'interested', 'tl: don’t stop the updates'],
    ['Вопросов больше нет, пришлите договор.', 'interested', 'ru: no more questions, send the contract'],
    ['Başka sorum yok, sözleşmeyi gönderin.', 'interested', 'tr: no more questions, send the contract'],
    ['明天的会改到下午四点可以吗', 'meeting_request', 'zh: move tomorrow’s meeting to 4'],
    [
      'Zrušte mi schůzku ve 2 a přesuňte ji na 3.',
      'meeting_request',
      'cs: cancel my 2 o’clock, move it to 3',
    ],
    ['Avlys møtet mitt kl 9 og flytt det til 10.', 'meeting_request', 'nb: cancel my 9 o’clock, move it'],
    ['ขอยกเลิกประชุมพรุ่งนี้ เลื่อนเป็นบ่ายสองได้ไหม', 'meeting_request', 'th: cancel the meeting, move it'],
    ['Mampir ke kantor kami besok jam 2 ya', 'meeting_request', 'id: stop by the office'],
    ['Kom forbi kontoret på fredag kl 13.', 'meeting_request', 'nb: stop by the office'],
    ['Nevolejte mi, pište jen e-mailem.', 'neutral', 'cs: another channel'],
    ['Fjern kollegaen min fra kopi, takk.', 'neutral', 'nb: remove my colleague from cc'],
  ])('is no opt-out: %s → %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['leh matb3atsh el offer?', 'ar (Latin): why didn’t you send the offer'],
    ['Hoe gaan jullie om met afmeldingen?', 'nl: how do you handle unsubscribes'],
    ['Fjern Ole fra invitationen, tak.', 'da: remove Ole from the invite'],
    ['Fjern mig fra kopi, tak.', 'da: take me off the cc'],
    ['Töröljék a keddi megbeszélést.', 'hu: cancel Tuesday’s meeting'],
    ['取消下午的会议，改到明天', 'zh: cancel the afternoon meeting'],
  ])('does not read as an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['自动回复：本人12月8日至12日休假。', 'out_of_office'],
    ['Автовідповідь: я у відрядженні до понеділка.', 'out_of_office'],
    ['Jsem na dovolené do pátku.', 'out_of_office'],
    ['Jeg er på ferie resten av uken.', 'out_of_office'],
    ['Olen lomalla ensi viikkoon asti.', 'out_of_office'],
    ['Szabadságon vagyok jövő hétfőig.', 'out_of_office'],
    ['מענה אוטומטי: אני מחוץ למשרד השבוע.', 'out_of_office'],
    ['ตอบกลับอัตโนมัติ: ไม่อยู่ที่สำนักงานจนถึงวันจันทร์', 'out_of_office'],
    ['你发错人了，我不负责采购。', 'wrong_person'],
    ['Feil nummer, her bor ingen Lars.', 'wrong_person'],
    ['טעות במספר, אין פה אף אחד בשם יוסי', 'wrong_person'],
    ['ส่งผิดคนค่ะ', 'wrong_person'],
    ['现在太忙，明年再联系吧', 'not_now'],
    ['Напишіть після свят, зараз не на часі.', 'not_now'],
    ['Ikke lige nu, men måske efter nytår.', 'not_now'],
    ['לא עכשיו, אולי בחודש הבא', 'not_now'],
    ['不感兴趣，谢谢', 'not_interested'],
    ['Nemáme zájem, děkujeme.', 'not_interested'],
    ['Nem érdekel, köszönöm.', 'not_interested'],
    ['לא מעוניינת, תודה', 'not_interested'],
    ['ไม่สนใจค่ะ', 'not_interested'],
    ['כמה זה עולה לשנה?', 'question'],
    ['Дякую, отримала.', 'neutral'],
  ])('reads the other labels: %s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
