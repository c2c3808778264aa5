import { detectLanguage } from './detect-language';
import { normaliseText, words } from './normalise-text';
import { labelReplyText } from './reply-classifier';
import { extractReturnDate } from './return-date';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-01T09:00:00Z' });

describe('replies in Swedish, Romanian, Vietnamese, Tagalog, Greek, Korean and Japanese', () => {
  it.each([
    ['Snälla sluta ringa mig på jobbet.', 'unsubscribe'],
    ['Avregistrera mig från nyhetsbrevet.', 'unsubscribe'],
    ['Nu mă mai sunați, vă rog frumos.', 'unsubscribe'],
    ['Ștergeți-mi datele din baza voastră.', 'unsubscribe'],
    ['Làm ơn đừng nhắn tin quảng cáo cho mình nữa.', 'unsubscribe'],
    ['Huwag na po kayong tumawag sa number na ito.', 'unsubscribe'],
    ['Σας παρακαλώ μη μου ξαναστέλνετε προσφορές.', 'unsubscribe'],
    ['광고 문자 보내지 마세요.', 'unsubscribe'],
    ['ニュースレターの配信を停止してください。', 'unsubscribe'],
    ['Jag är på semester och läser inte mejl.', 'out_of_office'],
    ['Răspuns automat: sunt în concediu medical.', 'out_of_office'],
    ['Αυτόματη απάντηση: απουσιάζω για λίγες μέρες.', 'out_of_office'],
    ['자동 응답: 출장 중이라 답장이 늦습니다.', 'out_of_office'],
    ['Fel nummer, det finns ingen Johan här.', 'wrong_person'],
    ['Nhầm người rồi, tôi không làm ở phòng mua hàng.', 'wrong_person'],
    ['申し訳ありませんが、担当が違います。', 'wrong_person'],
    ['Nu ne interesează, mulțumim.', 'not_interested'],
    ['관심 없습니다.', 'not_interested'],
    ['Δεν μας ενδιαφέρει, ευχαριστώ.', 'not_interested'],
    ['Hindi po kami interesado sa ngayon, salamat.', 'not_interested'],
    ['Låter spännande, berätta mer om priserna.', 'interested'],
    ['Bên em rất quan tâm, anh gửi báo giá nhé.', 'interested'],
    ['Ενδιαφέρομαι πολύ για το πρόγραμμα.', 'interested'],
    ['Reveniți după sărbători, vă rog.', 'not_now'],
    ['Liên hệ lại vào tháng sau nhé.', 'not_now'],
    ['今は忙しいので、また今度お願いします。', 'not_now'],
    ['Putem vorbi joi la ora 15?', 'meeting_request'],
    ['Πότε μπορούμε να μιλήσουμε την επόμενη εβδομάδα;', 'meeting_request'],
    ['내일 오후 3시에 통화 괜찮으세요?', 'meeting_request'],
    ['Κάθε πότε γίνεται η χρέωση;', 'question'],
  ])('%s -> %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['Sluta inte skicka uppdateringar, vi följer projektet.', 'unsubscribe'],
    ['Stop na, convinced na ako! Send the form po.', 'unsubscribe'],
    ['メールの添付ファイルを削除して再送してください。', 'unsubscribe'],
    ['회의 취소하지 말고 그대로 진행해 주세요.', 'unsubscribe'],
    ['Μη σταματάτε, περιμένουμε την προσφορά.', 'unsubscribe'],
  ])('a look-alike is no opt-out: %s', (text, label) => {
    expect(classify(text).label).not.toBe(label);
  });

  it('reads Korean and Japanese month-day dates in an away reply', async () => {
    const received = '2026-12-01T09:00:00Z';
    expect(
      await extractReturnDate('12월 10일부터 휴가, 12월 15일 복귀합니다.', 'ko', received, 'Asia/Seoul'),
    ).toBe('2026-12-15');
    expect(await extractReturnDate('1月5日より出社いたします。', 'ja', received, 'Asia/Tokyo')).toBe(
      '2027-01-05',
    );
  });

  it('keeps Hangul and kana whole, Vietnamese đ as d and Greek question marks as ?', () => {
    expect(normaliseText('수신거부')).toBe('수신거부');
    expect(normaliseText('配信停止をお願いします。')).toBe('配信停止をお願いします.');
    expect(normaliseText('Đừng gọi nữa')).toBe('dung goi nua');
    expect(normaliseText('Πόσο κοστίζει;')).toBe('ποσο κοστιζει?');
  });

  it.each([
    ['Ευχαριστώ πολύ για την πρόταση', 'el'],
    ['감사합니다 검토해 보겠습니다', 'ko'],
    ['ご連絡ありがとうございます', 'ja'],
  ])('detects the language of %s', (text, lang) => {
    expect(detectLanguage(text, words(normaliseText(text)))).toBe(lang);
  });
});
