import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('English look-alikes of an opt-out that keep the conversation going (probe 19)', () => {
  it.each([
    'stop!! this is amazing 😍 how fast can we get it live',
    'omg stop, you had me at no setup fee',
    'Stop. That demo was brilliant, who do I talk to about licences',
    'You can stop chasing, the answer is yes. Legal is reviewing the MSA now.',
    'ok you can stop following up, we are in',
    'pls stop with the long emails and just give me a call tomorrow am',
    'Stop with the essays, give us a ring on Friday',
    'You can stop sending the brochure, I read it. What I need is the API docs',
    'No more decks please, I have seen enough slides. What does it cost for 12 users?',
    'Please stop apologising for following up 😄 I just had a crazy month.',
    'stop texting my work phone, use this one instead',
    'you can remove my landline from your records, mobile is best',
    'Please do not email the info address, reach me at this one',
    'We had to cancel our subscription to Outreachly because of the price. Can you help us migrate?',
    'we cancelled our contract with hubspot in march',
    'Stop - wrong person, sorry, meant that for Jo',
    'no more calls please, email only',
    'Is STOP handling automatic for our patients, or do we set it up?',
    'Our unsubscribe rate is like 4%, can your AI help bring that down?',
    'Do you support opt-out lists per brand? We run three brands.',
    'Keen to talk, this is where I saw you:\n\n=== Growth Digest #88 ===\nNo longer want these emails? Unsubscribe.',
    "I'm on leave until 21 December.\n\nTo unsubscribe from Lyrix news, manage your preferences here.",
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    'Please remove me from the cc and from your list. I am not involved in purchasing.',
    'take me off the thread and off your mailing list',
    'Stop. This is insane, I told you five times.',
    'Stop! This is harassment.',
    'You can stop following up. The answer is no and I would prefer not to be contacted again.',
    'stop texting me, use email if you must but honestly do not bother',
    'Stop with the emails please.',
    'Please cancel my subscription to your newsletter.',
    'Remove my work email from your list.',
    'stop sending me emails and do not call me',
    'Stop, wrong person',
    'STOP, wrong person',
    "Don't want these emails anymore? Unsubscribe me.",
    'Please unsubscribe me from your newsletter, update my preferences',
    "Please stop calling my mobile. Email only if you must... actually no, don't.",
    'stop calling me, email only if you really have to',
    "Stop. Wrong person and I don't want these.",
  ])('is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
