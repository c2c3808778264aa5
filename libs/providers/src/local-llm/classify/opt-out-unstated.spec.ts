import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

describe('opt-outs that never name the action (probe30)', () => {
  it.each([
    ['My mobile is only for family and friends.', 'a number kept for family'],
    ['Mi número es solo para mi familia, gracias.', 'a number kept for family (es)'],
    ['Questo cellulare è riservato alla famiglia.', 'a number kept for family (it)'],
    ['Mijn nummer is alleen voor vrienden.', 'a number kept for family (nl)'],
    ['This inbox is not for sales pitches.', 'a private address not for sales'],
    ['personal phone. not for marketing', 'a private address not for sales'],
    ['I never gave this number to any company.', 'never gave the contact'],
    ['Não autorizei vocês a me mandarem nada.', 'never allowed it (pt)'],
    ['Where did you get my number? It is private.', 'asks where it came from, and objects'],
    ['¿De dónde sacaron mi número? Es privado.', 'asks where it came from, and objects (es)'],
    ['Why are you texting my personal phone?', 'messages their private number'],
    ['Any permission I gave is hereby withdrawn.', 'consent revoked'],
    ['I object to your use of my personal data.', 'objects to processing'],
    ['Opt me out of the sale of my personal information.', 'CCPA opt-out of sale'],
    ['Mon numéro est inscrit sur Bloctel.', 'on a preference register (fr)'],
    ['Estamos inscritos en la Lista Robinson.', 'on a preference register (es)'],
    ['mera dnd activated hai', 'on a preference register (hi)'],
    ['Just blocked your domain.', 'has blocked the sender'],
    ['Sent you to junk.', 'sent it to spam'],
    ['Reporting this to the abuse team at your host.', 'sent it to the abuse desk'],
    ['Let this be the last one.', 'make it the last'],
    ['Honestly, I am done with you people.', 'done with the sender'],
    ['Nobody in our office should be getting these.', 'nobody here should get these'],
    ['I want nothing to do with your product.', 'wants nothing to do with it'],
    ['I have not signed up for any of this.', 'never signed up for this'],
    ['Ik heb me nergens voor ingeschreven.', 'never signed up (nl)'],
    ['Never heard of you and never asked for anything.', 'does not know them, never asked'],
    ['Je ne vous connais pas et je n’ai rien demandé.', 'does not know them, never asked (fr)'],
    ['No thanks, this number is private.', 'refuses, and the number is private'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'This number is for family only, use my office line for business: 020 7946 0321',
    'Who gave you my number? Just curious, was it the trade show?',
    'I never signed up for the webinar but I would like the slides.',
    'I never heard of you before, what do you do exactly?',
    'Please remove me as the admin contact, Sarah takes over billing. Product updates to me are fine.',
    'Could you stop emailing my colleague? She gets enough email already. I am still reading.',
    'Harganya berapa? Jangan telepon ya, chat aja.',
    'Your last email got sent to spam, can you resend it?',
    'Is there a way to withdraw consent for several contacts at once?',
    'I object to the price, not the product.',
    'When consent is withdrawn, does the sequence stop automatically?',
    'This account is for personal use only, is there a business plan?',
    'We never asked for this feature but it is great.',
    'I never signed up for this, but the offer looks good.',
    'This number is for my family business, call anytime.',
    'This WhatsApp is strictly for family and friends, but my email is jo@harbour.io: send it there.',
    'My spam filter sent your email to junk, found it now. Yes to a demo.',
    "I want nothing to do with Salesforce anymore, that's why we're looking at you.",
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['I would rather do this over email than text: jo@harbour.io', 'neutral'],
    ['Who gave you my number? Whoever it was, thanks, I need this. Send pricing.', 'interested'],
  ])('%s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
