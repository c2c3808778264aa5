import { labelReplyText } from './reply-classifier';
import { oneKeystrokeAway } from './signals/probe39-short-forms.signals';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('very short chat replies: keywords, typos, emoji, yes, later (probe 39)', () => {
  it.each([
    ['canecl', 'cancel, two letters swapped'],
    ['cancle', 'cancel, two letters swapped'],
    ['opt ot', 'opt out, a letter dropped'],
    ['optt out', 'opt out, a letter doubled'],
    ['no mroe', 'no more, two letters swapped'],
    ['remive me', 'remove me, a slipped key'],
    ['unsubscrbe pls', 'unsubscribe, a letter dropped, with filler'],
    ['revoek', 'revoke, two letters swapped'],
    ['BAJA 🙏', 'es: the keyword with a praying emoji'],
    ['no more 🙅', 'no more with a refusing emoji'],
    ['berhenti ya', 'id: the keyword with chat filler'],
    ['sair da lista pfv', 'pt: leave the list, with filler'],
    ['stop txts', 'stop the texts, said alone'],
    ['DUR', 'tr: the keyword'],
    ['durdur!', 'tr: the keyword, doubled'],
    ['msg band karo', 'hi-romanised: stop the messages'],
    ['bas karo yaar', 'hi-romanised: enough, with filler'],
    ['ga usah kirim lagi', 'id: no need to send again'],
    ['jgn wa saya lagi', 'id: do not WhatsApp me again'],
    ['ga perlu kirim lagi', 'id: no need to send again'],
    ['stop, wrong number', 'a wrong number is no wrong chat'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ["don't stop", 'interested'],
    ['pls dont stop lol', 'interested'],
    ['ja gerne', 'interested'],
    ['sí', 'interested'],
    ['sure 👍', 'interested'],
    ['mau kak', 'interested'],
    ['più tardi', 'not_now'],
    ['sonra', 'not_now'],
    ['busy, try next wk', 'not_now'],
    ['arrêt de bus, je rappelle', 'not_now'],
    ['will call u back', 'not_now'],
    ['ik bel je terug', 'not_now'],
    ['ga minat', 'not_interested'],
  ])('reads the short form: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ['stopp, falsche Nachricht, sorry', 'de: its own message sent to the wrong chat'],
    ['dur, yanlış kişiye yazdım', 'tr: wait, wrote to the wrong person'],
    ['mensaje equivocado, perdón', 'es: wrong message, sorry'],
    ['tamam', 'tr: okay'],
    ['theek hai', 'hi-romanised: okay'],
    ['oke siap', 'id: okay, ready'],
  ])('with the trained model too, is neutral: %s (%s)', (text) => {
    expect(labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }).label).toBe('neutral');
  });

  it.each([
    ['stop by fri?', 'unsubscribe', 'stop by is a visit'],
    ['top 👍', 'unsubscribe', 'a real word one keystroke from stop'],
    ['sure 🙄', 'interested', 'a sarcastic sure is no yes'],
    ['yes?', 'interested', 'a question is no yes'],
    ['mau', 'interested', 'pt "bad": no yes without the Indonesian filler'],
    ['stop 😂', 'unsubscribe', 'a laugh is no stop emoji'],
    ['top', 'unsubscribe', 'a real word one keystroke from stop'],
    ['je vous rappelle que la réunion est demain', 'not_now', 'fr "I remind you that" is no call-back'],
    ['ga perlu kirim lagi', 'not_interested', 'id "no need to send again" is an opt-out, not a refusal'],
  ])('a look-alike is not read as such: %s (not %s: %s)', (text, label) => {
    expect(classify(text).label).not.toBe(label);
  });

  it('spells each keyword one keystroke away, never as a real word', () => {
    expect(oneKeystrokeAway('stop')).toEqual(expect.arrayContaining(['sotp', 'stpo', 'stopp']));
    expect(oneKeystrokeAway('no more')).toEqual(expect.arrayContaining(['no mroe', 'nomore', 'no mre']));
    expect(oneKeystrokeAway('no more')).not.toContain('no mode');
    expect(oneKeystrokeAway('stop')).not.toContain('stoop');
    expect(oneKeystrokeAway('revoke')).not.toContain('evoke');
  });
});
