import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('look-alikes of probe 78 keep their own label', () => {
  it.each([
    [
      'Is there a way for my customers to stop getting the review request after they have left one?',
      'question',
    ],
    ['Can the reminder stop once a patient has left something in the feedback form?', 'question'],
    [
      "I'm leaving the company at the end of the month, so please talk to Dev Shah (dev.shah@ortonmills.com) about this from now on.",
      'wrong_person',
    ],
    [
      'I am leaving the firm in January, please deal with Maria Lopez (maria@lopezlaw.com) instead.',
      'wrong_person',
    ],
    ['Saka na lang po next month, busy pa.', 'not_now'],
    ['Saka na muna po, busy pa kami ngayong December.', 'not_now'],
    ['abhi nahi, January mein message karna', 'not_now'],
    ['Abhi nahi bhai, March ke baad baat karte hain.', 'not_now'],
    ['No thanks on the webinar, but keep sending the monthly digest.', 'neutral'],
    ['No more event invites please, the newsletter is fine.', 'neutral'],
    ['Thik hai, mil gaya. Kal dekhta hoon.', 'neutral'],
    ['theek hai mil gaya, kal dekh lunga', 'neutral'],
    ["Not interested in the SMS package, but the email one might work. What's the monthly cost?", 'question'],
    ["Not interested in the SMS add-on, but the email module looks good. What's the price?", 'question'],
    [
      "Don't you dare stop sending these, they're the only useful emails I get. What's the price for 12 seats?",
      'interested',
    ],
    ['Tolong berhenti kirim invoice ke email saya, kirim ke finance@majuabadi.co.id ya', 'neutral'],
    ['Jangan kirim tagihan ke nomor ini lagi, kirim ke email kantor saja.', 'neutral'],
  ])('%s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ["I'm leaving the office now, will look at it on the train.", 'wrong_person'],
    ['No thanks on the webinar.', 'neutral'],
    ['Not interested in the product, but the logo looks nice.', 'question'],
    ['She has left the company.', 'not_now'],
  ])('%s is not %s', (text, label) => {
    expect(classify(text).label).not.toBe(label);
  });
});

describe('a Turkish case ending is no part of the referral name (probe 78)', () => {
  it.each([
    ["Artık o şirkette çalışmıyorum, Mehmet Yıldız'a yazın: mehmet@yildizlojistik.com.tr", 'Mehmet Yıldız'],
    ["Bu konuyla Ayşe Demir'in ekibi ilgileniyor, ayse.demir@kaya.com.tr adresine yazın.", 'Ayşe Demir'],
    ["I'm not the right person - try Dana Ortiz's team, dana@bluefin.co", 'Dana Ortiz'],
  ])('%s → %s', (text, name) => {
    expect(classify(text).referral?.name).toBe(name);
  });
});
