import { instructionPoint } from './instruction-point';

describe('instructionPoint', () => {
  it('introduces the product once, whether the instructions name it or not', () => {
    expect(instructionPoint('Introduce Brightdesk and ask for a short call', 'Brightdesk', '')).toBe(
      "I'm reaching out to introduce Brightdesk and ask for a short call.",
    );
    expect(instructionPoint('introduce the product', 'Brightdesk', '')).toBe(
      "I'm reaching out to introduce Brightdesk.",
    );
    expect(instructionPoint('introduce Reach+ (beta) to their team', 'Reach+ (beta)', '')).toBe(
      "I'm reaching out to introduce Reach+ (beta) to your team.",
    );
    expect(instructionPoint('introduce Brightdesks to the clinic', 'Brightdesk', '')).toBe(
      "I'm reaching out to introduce Brightdesk Brightdesks to the clinic.",
    );
  });

  it('follows up and reminds in the lead’s second person', () => {
    expect(instructionPoint('follow up on their pricing question', 'Brightdesk', '')).toBe(
      'I wanted to follow up on your pricing question.',
    );
  });
});
