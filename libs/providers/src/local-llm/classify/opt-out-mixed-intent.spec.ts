import type { ReplyLabel } from '../../llm/llm-tasks';
import { isolateReply } from './isolate-reply';
import { labelReplyText } from './reply-classifier';

const classify = (text: string, subject: string | null = null) =>
  labelReplyText({ text, subject, received_at: '2026-11-30T09:00:00Z' });

describe('mixed-intent replies: an opt-out beside another intent, and the reverse (probe 21)', () => {
  it.each([
    [
      'Hi Tom, not for us. Best, Ana\n\nP.S. Please stop the automated follow-ups.',
      'a P.S. below an inline closing',
    ],
    [
      'Thanks, we will pass.\n\nKind regards\nMaria\n\nPS: please remove me from your list',
      'a PS below a closing line',
    ],
    ['Not a fit right now.\n-- \nJo Park, CFO\n\nps. remove me pls', 'a ps below the signature dashes'],
  ])('reads the postscript as the writer’s own: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Hi', 'Unsubscribe me'],
    ['Sent from Outlook for Android', 'Please remove'],
    ['', 'STOP emailing me'],
    ['Thanks', 'Take me off your list'],
  ])('reads an opt-out from a subject of the writer’s own: "%s" under "%s"', (text, subject) => {
    expect(classify(text, subject).label).toBe('unsubscribe');
  });

  it.each<[string, string, ReplyLabel]>([
    ['Got it, thanks.', 'Re: Unsubscribe confirmation', 'neutral'],
    ['Yes please, send the case study.', 'Re: remove the guesswork from outbound', 'interested'],
    ['', 'Automatic reply: stop by our booth', 'out_of_office'],
  ])('leaves an answered or automatic subject alone: "%s" under "%s"', (text, subject, label) => {
    expect(classify(text, subject).label).toBe(label);
  });

  it.each<[string, ReplyLabel]>([
    [
      'Our unsubscribe rate has doubled since we switched providers - can your tool help with that?',
      'question',
    ],
    ['Is a 2% opt-out rate normal for SMS? Ours keeps climbing.', 'question'],
    ['Comment vos clients gèrent-ils les désinscriptions ? C’est automatique ?', 'question'],
    ['How do you process the unsubscribes from our WhatsApp campaigns?', 'question'],
  ])('is not an opt-out when unsubscribes are a figure or a flow: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each<[string, ReplyLabel]>([
    [
      "Let's talk. Thursday at 2pm works.\n\nP.S. you can stop sending the follow-ups now, I'm here 😄",
      'meeting_request',
    ],
    ['Sounds great, send me the pricing - and stop the reminders, I will reply myself.', 'interested'],
  ])('keen, asking only that the chasing stop: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each(['Please stop the follow-ups, we are not interested.', 'Stop the reminders.'])(
    'still an opt-out when the chasing stops without interest: %s',
    (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    },
  );

  it.each<[string, ReplyLabel]>([
    ['wrong number, but I might be interested myself. What do you do exactly?', 'interested'],
    ['Número equivocado, pero me interesa. ¿Qué ofrecen?', 'interested'],
    ["I'm retired but I consult for a few firms that could use this. Send over a one-pager.", 'interested'],
    ["Wrong department, but I'm actually the one who'd buy this. Send pricing to me.", 'interested'],
    [
      "I left Orbis and I'm now at Kessler - same problem here though. Can we talk Tuesday?",
      'meeting_request',
    ],
  ])('wants it for themselves despite not being the contact meant: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    'Please stop emailing Jack, he left in October. I am the contact for this now, happy to talk.',
    'I retired last year. My daughter Emma runs it now and would love a demo: emma@kaysbakery.co.uk',
    'My dad retired, I run the farm now. You can talk to me.',
  ])('still a wrong person when the reply points to someone else: %s', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });
});

describe('isolateReply keeps a postscript below the signature (probe 21)', () => {
  it('keeps the P.S. paragraph and drops the signature between', () => {
    const { text } = isolateReply(
      'We are all set.\n\nBest,\nAna Ruiz\nHead of Ops\n\nP.S. remove me please\n\nAcme Ltd',
    );
    expect(text).toBe('We are all set.\n\nP.S. remove me please');
  });

  it('keeps nothing of a signature without a postscript', () => {
    expect(isolateReply('We are all set.\n\nBest,\nAna Ruiz\nPSG Holdings').text).toBe('We are all set.');
  });
});
