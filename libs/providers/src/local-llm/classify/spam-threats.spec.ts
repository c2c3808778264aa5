import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' }, null);

describe('the next message threatened with spam, the sender filtered or blocked', () => {
  it.each([
    ['Next one goes to spam.', 'en'],
    ['Any more of these go straight to junk.', 'en: any more'],
    ["Another one of these and you're in my spam filter.", 'en: another one and'],
    ['Straight to spam you go.', 'en: straight to spam'],
    ['Filtered to junk from now on.', 'en: filtered'],
    ["I've added you to my blocked senders.", 'en: blocked senders'],
    ['Setting up a filter for your domain.', 'en: a filter'],
    ['Nächste Mail landet im Spam.', 'de'],
    ['La prochaine finit dans les spams.', 'fr'],
    ['El próximo va directo a spam.', 'es'],
    ['Il prossimo finisce nello spam.', 'it'],
    ['O próximo vai direto pro spam.', 'pt'],
    ['कृपया मेरा नंबर हटा दें।', 'hi: my number removed'],
    ['मेरा नंबर डिलीट कर दें', 'hi: my number deleted'],
  ])('%s → unsubscribe (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Your last email went straight to spam, can you resend?', 'landed in spam'],
    ['Your emails are landing in our spam folder.', 'landing in spam'],
    ['The next one might end up in spam, so whitelist us: add hello@x.com.', 'a warning'],
    ['Straight to spam. Can you check your DKIM?', 'a deliverability report'],
    ['मेरा नाम हटा दो, गलत लिखा है', 'hi: a misspelt name'],
  ])('%s → not an opt-out (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
