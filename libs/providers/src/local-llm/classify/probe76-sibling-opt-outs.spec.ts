import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('plain-worded opt-outs, siblings of probe 76', () => {
  it.each([
    ['Not keen on hearing from you again.', 'not keen on hearing from you'],
    ["I'm not interested in any further contact.", 'not interested in further contact'],
    ['These messages are unwelcome.', 'unwelcome'],
    ['Your messages are not welcome here.', 'not welcome'],
    [
      "This is a work number and I don't take sales contacts on it. Please respect that.",
      'no sales contacts taken',
    ],
    ["I'm not the audience for this. Kindly don't include me going forward.", 'not included going forward'],
    ["Please don't use this number for marketing.", 'the number not for marketing'],
    ["I'd rather not be on your radar, thanks.", 'not on the radar'],
    ['Sick of getting these.', 'sick of getting these'],
    ["I'd appreciate it if this was the last one.", 'the last one'],
    ["No more please, I've had plenty.", 'no more, had plenty'],
    ['kripya mujhe message na bheje', 'hi'],
    ['mujhe ab aur messages nahi chahiye', 'hi'],
    ["Not interested and I'd rather you didn't follow up.", 'rather they did not follow up'],
    [
      "This is not the right channel to reach me, and I'd rather not be reached at all.",
      'not reached at all',
    ],
    ["I don't want to be part of your campaigns.", 'not part of the campaigns'],
    ['Do me a favour and forget about me.', 'forget about me'],
    ["This address doesn't accept marketing.", 'the address takes no marketing'],
    ['bhai ab bas karo', 'hi'],
    ["I'm away until Monday, and when I'm back I'd rather not find any more of these.", 'no more to find'],
    [
      "Out of office until the 14th. On my return I don't want to see more emails from you.",
      'no more to see',
    ],
    [
      "Automatic reply: I'm on holiday. [Added manually] Not something I want in my inbox, thanks.",
      'not in my inbox',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ["We're not keen on hearing from you until the new budget is in, maybe March.", 'a time named'],
    ["I'd appreciate it if this wasn't the last one, keep me posted!", 'more wanted'],
    ["We don't take sales calls on Fridays, try Monday.", 'some days only'],
    ['mujhe pricing nahi chahiye abhi, baad mein', 'hi, a refusal for now'],
    ["Forget about me for the Friday call, I can't make it.", 'one call'],
    ["I'd rather you didn't call before 10.", 'some hours only'],
    ["We don't want to be in your case study, thanks though.", 'not a list'],
    ["I don't want to see more of these until the new year.", 'until the new year'],
    ['Not something we want on our roadmap right now.', 'a refusal'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
