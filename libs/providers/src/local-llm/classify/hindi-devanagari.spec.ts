import { labelReplyText } from './reply-classifier';
import { normaliseText } from './normalise-text';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('Hindi written in Devanagari', () => {
  it('is read as words (not as emoji or punctuation) and detected as Hindi', () => {
    const r = classify('ठीक है, देखते हैं।');
    expect(r.reason).not.toContain('only emoji');
    expect(r.language).toBe('hi');
  });

  it('is spelled one way: nukta dropped, candrabindu as anusvara, the danda a full stop', () => {
    expect(normaliseText('ज़रूरत नहीं हूँ।')).toBe('जरूरत नहीं हूं.');
  });

  it.each([
    'मुझे आगे से मैसेज मत भेजिए।',
    'हमें कोई ईमेल नहीं चाहिए, धन्यवाद।',
    'कृपया दोबारा फोन मत करना।',
    'मेरा नंबर अपने डेटाबेस से हटा दीजिए।',
    'मुझे इस ग्रुप से निकालो।',
    'मेरी सदस्यता समाप्त कर दीजिए।',
    'रोज़ रोज़ कॉल करना बंद करो।',
    'अब और मत भेजो ये सब।',
  ])('a request to stop contact is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'ईमेल भेजना बंद मत करना, बहुत काम की जानकारी है।',
    'अभी इनवॉइस मत भेजना, पीओ नंबर बदल गया है।',
    'फोन मत कीजिए, मैं ट्रेन में हूं। ईमेल पर ही कोटेशन भेज दीजिए।',
    'अनसब्सक्राइब करने का तरीका क्या है? मेरी टीम के लिए पूछ रहा हूं।',
  ])('a look-alike is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['क्या हम बुधवार को 4 बजे बात कर सकते हैं?', 'meeting_request'],
    ['अभी नहीं, अगले साल बात करेंगे।', 'not_now'],
    ['हमें इसमें रुचि नहीं है, धन्यवाद।', 'not_interested'],
    ['मैं इसके लिए सही व्यक्ति नहीं हूं, हमारे सीईओ से बात कीजिए।', 'wrong_person'],
    ['बढ़िया, कृपया प्राइस लिस्ट भेज दीजिए।', 'interested'],
  ])('%s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
