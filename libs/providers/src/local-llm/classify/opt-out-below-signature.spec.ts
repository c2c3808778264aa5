import { optOutBelowSignature } from './opt-out-below-signature';
import { labelReplyText } from './reply-classifier';

/** The rules alone and with the trained model: both must read the line under the signature the same way. */
const labels = (text: string, subject: string | null = null) => [
  labelReplyText({ text, subject, received_at: '2026-12-02T09:00:00Z', channel: 'email' }, null).label,
  labelReplyText({ text, subject, received_at: '2026-12-02T09:00:00Z', channel: 'email' }).label,
];

describe('an opt-out the writer wrote under their signature', () => {
  it.each([
    [
      'Thanks for the note, we are not looking at this right now.\n\n--\nPriya Shah | Ops Lead\n\nAlso, take me off this mailing list please.',
      null,
    ],
    [
      'Not for us.\n\nCheers\nMarek\n\nThis email and its attachments are confidential and intended for the addressee only.\n\nAnd stop emailing me every week.',
      null,
    ],
    [
      "I'm away from my desk until Monday 14 December and will reply when I'm back.\n\n-- \nplease unsubscribe me, I have had five of these already",
      'Auto-reply: Re: your visit',
    ],
    ['Out of office until 4 January.\n\nRegards,\nNoor\n\nRemove my address from your list, thanks.', null],
  ])('is an opt-out: %j', (text, subject) => {
    expect(labels(text, subject)).toEqual(['unsubscribe', 'unsubscribe']);
  });

  it.each([
    // the footer's notices to its readers
    'Sounds good, send it over.\n\n--\nLena Hoff\nTo stop receiving our product news, reply STOP.',
    'Happy to chat on Thursday.\n\nBest,\nOmar\n\nIf you are not the intended recipient, please delete this email and remove it from your system.',
    'Yes please, send the pricing.\n\n--\nYou are receiving this because you signed up at our booth. Unsubscribe | Preferences',
    // somebody else, or no request at all
    "Let's talk next week.\n\n--\nDon't stop by the office without calling first: we moved to 4 Mill Lane.",
    'Can we move it?\n\nThanks,\nJo\n\nPlease cancel my 3pm reminder, I booked it twice.',
    // quoted history with the words in it: history, not the signature
    'Looks great, count us in.\n\nOn Mon, 30 Nov 2026 at 09:00, Dana <dana@reachline.io> wrote:\n> Not interested? Reply unsubscribe and I will remove you.',
  ])('is no opt-out: %j', (text) => {
    expect(labels(text)).not.toContain('unsubscribe');
  });

  it('reads only the line that asks it in the first person', () => {
    expect(optOutBelowSignature('--\nAna Ruiz\nPlease remove me from your list.')).toBe(
      'Please remove me from your list.',
    );
    expect(optOutBelowSignature('--\nTo opt out of our newsletter, click here.')).toBeNull();
    expect(optOutBelowSignature('--\nPlease notify us and delete it from your system.')).toBeNull();
  });
});
