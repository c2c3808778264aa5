import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('Opt-outs in regional and non-native English and code-switching (probe 22)', () => {
  it.each([
    ['Pls dont disturb me again and again', 'Indian English: do not disturb me again'],
    ['Do not disturb me with these messages again. I am busy person.', 'do not disturb, not an away reply'],
    ['I said no need already. Stop disturbing me.', 'stop disturbing me'],
    ['I am registered on DND. Why am I getting these?', 'on the DND register'],
    ['dnd pls', 'a bare DND'],
    ['Not interested. Pls dont text. Ty', 'a bare do not text closing the reply'],
    ['No need, pls dont send again ya', 'do not send again'],
    ['Plz dnt snd me any msgs', 'txt-speak snd'],
    ['Kindly remove my mail id. Regards, Ramesh', 'remove my mail id'],
    ['Kindly stop sending msg to my mobile, very disturbing', 'stop sending messages to my mobile'],
    ['dun text me liao', 'Singlish dun text me'],
    ['Stop lah', 'Singlish stop lah'],
    ['U stop whatsapp me can? Every day also send', 'Singlish you stop messaging me, can'],
    ['Huwag nyo na po ako i-text', 'Taglish huwag nyo na ako i-text'],
    ['Itigil nyo na po ang pag text', 'Taglish itigil ang pag text'],
    ['Pakitanggal na po ako sa list', 'Taglish pakitanggal na ako'],
    ['Please sms bhejna band karo', 'Hinglish bhejna band karo'],
    ['Mera number delete kar do', 'Hinglish number delete kar do'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Pls remove my name from the quotation, put the company name',
    'DND is active on my calls, so WhatsApp only please',
    "Don't disturb between 2-3pm, call after",
    'Remove my old mail id, use rohan.k@infra.co.in going forward',
    "Don't msg in the morning, call me after 6pm",
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['No need to send an email, just whatsapp me here', 'neutral'],
    ['No need to say sorry, it is ok', 'neutral'],
    ['Abhi nahi, agle mahine baat karte hain', 'not_now'],
  ])('reads %s as %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
