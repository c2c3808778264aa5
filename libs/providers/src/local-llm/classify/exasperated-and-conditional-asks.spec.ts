import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' }, null);

describe('opt-outs asked in exasperation, and questions about what a step of the writer stops', () => {
  it.each([
    ['Are you going to keep texting me forever?', 'for ever'],
    ['Are you gonna keep calling me every single day?', 'every day'],
    ['How long are you going to keep emailing me?', 'how long'],
    ['how much longer will you keep texting me', 'how much longer, unmarked'],
    ['How many more of these am I going to get?', 'how many more of these'],
    ['How many more emails do I have to delete before you get the hint?', 'until the hint is taken'],
    ['Es reicht jetzt mit den Nachrichten.', 'de: enough of the messages'],
    ["Jetzt reicht's mit den Mails.", 'de: enough now'],
    ['What would it take for you to stop emailing me?', 'what it would take'],
    ["What's the magic word to make these stop?", 'the magic word'],
    ['Is replying the only way to get off this list?', 'the only way off'],
    ['Is there someone I can talk to about getting removed?', 'whom to ask'],
    ['Which email do I write to for data deletion?', 'where to ask for deletion'],
    ['Do I need to block you?', 'a block threatened'],
    ['Do I have to report this number?', 'a report threatened'],
    ['Stop, not interested.', 'stop, then a refusal'],
    ["Stop, I'm good.", "stop, I'm good"],
  ])('%s → unsubscribe (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Will you stop emailing me if I book a call?', 'what booking stops'],
    ["Will you stop texting me when we've signed?", 'what signing stops'],
    ['If we sign, will you stop the reminders?', 'the condition first'],
    ['Can you stop emailing me after I sign up? I only want the invoices.', 'after signing up'],
    ['Are you going to keep texting me the order updates?', 'a plain question about the sequence'],
    ['How many more reminders will I get before the webinar?', 'reminders before an event'],
    ['How many more of these do I need to fill in before the account is live?', 'forms to fill in'],
    ['Please stop sending me the PDF version, the link is enough.', 'one format'],
    ['Quit attaching the zip, our filter eats it.', 'one attachment'],
    ['What does it take to stop a campaign midway?', 'a campaign stopped'],
    ['Is the API the only way to unsubscribe leads?', 'leads unsubscribed'],
    ['Which email do our customers write to for data deletion?', 'customers'],
    ['Whats the word to unsubscribe a lead in the app?', 'a lead in the app'],
    ['Should we block your domain in our firewall for the pilot?', 'a firewall rule'],
    ['Do I need to report this bug to support?', 'a bug report'],
    ['Stop, no way, this is exactly what we need!', 'delight'],
    ["Stop, I'm good at this already, but tell me more?", 'stop as surprise'],
  ])('%s → not an opt-out (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['will you stop messaging me?'],
    ['Will you stop texting me if I reply STOP?'],
    ['When I signed up I never agreed to this. Will you stop texting me?'],
    ['Stop sending me the newsletters.'],
  ])('%s stays an opt-out', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
