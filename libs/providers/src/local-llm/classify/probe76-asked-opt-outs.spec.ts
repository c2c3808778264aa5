import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('opt-outs asked as questions, siblings of probe 76', () => {
  it.each([
    ['Is there a way I can stop these for good?', 'these can be stopped'],
    ['Is it possible to not receive these?', 'not receiving these'],
    ['Any way to stop your texts?', 'your texts'],
    ['Who do I ask to be left alone?', 'whom to ask'],
    ['Where do I write to get removed?', 'where to write'],
    ['kya aap message bhejna band kar sakte ho?', 'hi'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Is there any way to stop your app logging me out?', 'the product'],
    ['Is there a way to stop these reminders going to our patients on Sundays?', 'messages to other people'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
