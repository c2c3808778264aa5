import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('opt-outs asked as questions in the thinner languages (probe 79)', () => {
  it.each([
    ['Czy możecie przestać do mnie pisać?', 'pl, can you stop writing to me'],
    ['Jak się wypisać z tej listy?', 'pl, how do I get off'],
    ['Hur avregistrerar jag mig?', 'sv, how do I unsubscribe'],
    ['Mesaj göndermeyi bırakır mısınız?', 'tr, will you stop sending'],
    ['Bu listeden nasıl çıkarım?', 'tr, how do I get off this list'],
    ['Hvordan melder jeg mig fra?', 'da, how do I sign off'],
    ['Kan dere fjerne meg fra listen?', 'nb, can you remove me from the list'],
    ['Můžete mi přestat psát?', 'cs, can you stop writing to me'],
    ['Gimana caranya berhenti dapat pesan ini?', 'id, how to stop getting these'],
    ['Можете перестать мне писать?', 'ru, can you stop writing to me'],
    ['Как отписаться?', 'ru, how to unsubscribe'],
    ['Miten pääsen pois tältä listalta?', 'fi, how do I get off this list'],
    ['Hogyan iratkozhatok le?', 'hu, how can I unsubscribe'],
    ['Jak se můžu odhlásit?', 'cs, how can I sign off'],
    ['Bagaimana saya bisa berhenti berlangganan?', 'id, how can I unsubscribe'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Jak wypisać klientów z newslettera w waszym systemie?', 'question'],
    ['Kan dere fjerne meg fra listen over deltakere på møtet?', 'meeting_request'],
    ['Hur avregistrerar man en kund i ert system?', 'question'],
    ['Müşterilerimiz listeden nasıl çıkar?', 'question'],
    ['Jak se mohou naši zákazníci odhlásit?', 'question'],
    ['Bagaimana pelanggan kami bisa berhenti berlangganan?', 'question'],
    ['Как наши клиенты могут отписаться?', 'question'],
  ])('is no opt-out: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
