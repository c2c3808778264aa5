import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe("Customers' product actions against opt-outs (probe 74)", () => {
  it.each([
    ['Please unsubscribe me from the gold tier, silver will do.', 'leaves a tier'],
    ['Unsubscribe us from the snack box please, too many snacks.', 'leaves a box subscription'],
    ['Can you unsubscribe me from my yoga membership? Moving away.', 'leaves a membership'],
    ['Please cancel my streaming subscription, I no longer use the app.', 'cancels a named subscription'],
    ['pause my plan for august pls', 'pauses a plan'],
    ["Skip this week's fruit delivery, thanks.", 'skips one delivery'],
    ['Take the movie package off my bill please.', 'takes a package off the bill'],
    ['I was billed in September after cancelling. Can you refund me?', 'a past charge and a refund'],
    ['How can I return the blender? It arrived cracked.', 'returns an item'],
  ])('is a request about the product, no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([
    ['Renewed it online yesterday.', 'already renewed'],
    ['Already cancelled, thanks.', 'already cancelled'],
  ])('is a statement: %s (%s)', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it('asks to be reminded nearer the renewal: later', () => {
    expect(classify('Could you remind me closer to the expiry date?').label).toBe('not_now');
  });

  it.each([
    ['I only want the account notifications from you, thanks.', 'only service messages'],
    ['Billing emails only please.', 'service messages only'],
    ['Only text me about my prescriptions from now on.', 'only about their own orders'],
    ['Happy with the boxes. No more promotions by email please.', 'no more promotions'],
    ['Keep the shipping texts, stop the discount ones.', 'stops the sales texts only'],
    ['Switch off the survey emails please.', 'turns off the surveys'],
    ['I moved gyms. Stop the offers.', 'stops the offers'],
    ['Please stop nagging me to renew.', 'stop nagging'],
    ['Erase my account and personal details, thanks.', 'account and personal data erased'],
    ['Stop texting me about renewals. I will tell you if I want one.', 'a promise that depends on wanting'],
    ['Cancel my trial and turn off the promo emails too.', 'a product and the emails: the emails stop'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Remove the test user I set up by mistake please.', 'a user, not the product'],
    ['No sale, thanks.', 'a bare refusal is not "no marketing"'],
  ])('is no opt-out and no product request: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
    expect(classify(text).label).not.toBe('question');
  });
});
