import { clean, lowerFirst } from '../text-utils';

/**
 * The point of a campaign step's instructions as one sentence addressed to the lead ("follow up on pricing" →
 * "I wanted to follow up on pricing."). Third-person references to the lead become "you".
 */
export function instructionPoint(instructions: string | null, product: string, description: string): string {
  const raw = clean(instructions).replace(/[.!]+$/, '');
  if (!raw) return '';
  const text = addressLead(raw);
  const rules: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
    [
      /^(?:please\s+)?(?:introduce|present)\b(?:\s+(?:the|our)\s+(?:product|platform|tool|solution|offer))?(.*)$/i,
      (m) =>
        `I'm reaching out to introduce ${product || 'what we do'}${description ? ` — ${lowerFirst(description)}` : ''}${tail(withoutName(m[1], product))}.`,
    ],
    [
      /^(?:please\s+)?follow(?:ing)?[- ]?up\s+(?:on|about|regarding|with)\s+(.+)$/i,
      (m) => `I wanted to follow up on ${m[1]}.`,
    ],
    [
      /^(?:please\s+)?follow(?:ing)?[- ]?up\b(.*)$/i,
      (m) => `Just following up on my earlier note${tail(m[1])}.`,
    ],
    [/^(?:please\s+)?remind\s+(?:you\s+)?(?:of|about)\s+(.+)$/i, (m) => `A quick reminder about ${m[1]}.`],
    [/^(?:please\s+)?remind\s+(?:you\s+)?that\s+(.+)$/i, (m) => `A quick reminder that ${m[1]}.`],
    [
      /^(?:please\s+)?(?:mention|highlight|emphasi[sz]e|stress|point out)\s+(?:that\s+)?(.+)$/i,
      (m) => `I wanted to highlight ${m[1]}.`,
    ],
    [/^(?:please\s+)?ask\s+(?:you\s+)?(?:about|regarding)\s+(.+)$/i, (m) => `I wanted to ask about ${m[1]}.`],
    [
      /^(?:please\s+)?ask\s+(?:you\s+)?(if|whether|how|what|when|who)\s+(.+)$/i,
      (m) => `Could you let me know ${m[1].toLowerCase()} ${m[2]}?`,
    ],
    [/^(?:please\s+)?invite\s+(?:you\s+)?to\s+(.+)$/i, (m) => `I'd love to invite you to ${m[1]}.`],
    [/^(?:please\s+)?(?:share|send)\s+(.+)$/i, (m) => `I wanted to share ${m[1]}.`],
    [/^(?:please\s+)?offer\s+(?:you\s+)?(.+)$/i, (m) => `We'd like to offer you ${m[1]}.`],
    [
      /^(?:please\s+)?(?:congratulate|thank)\s+(?:you\s+)?(?:on|for)\s+(.+)$/i,
      (m) => `Congratulations on ${m[1]}.`,
    ],
  ];
  for (const [re, render] of rules) {
    const m = text.match(re);
    if (m) return render(m);
  }
  return `I wanted to reach out about ${lowerFirst(text)}.`;
}

/** "Brightdesk and ask for a call" after "introduce", when the sentence names the product itself. */
function withoutName(rest: string, product: string): string {
  if (!product) return rest;
  const escaped = product.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return rest.replace(new RegExp(`^\\s*${escaped}(?=\\W|$)`, 'i'), '');
}

const tail = (rest: string | undefined) => {
  const t = clean(rest);
  return t ? ` ${t}` : '';
};

/** "their team" → "your team", "the lead" → "you". */
function addressLead(text: string): string {
  return text
    .replace(/\b(the lead|the prospect|the contact|the customer|them|him|her)\b/gi, 'you')
    .replace(/\b(their|his|her)\b/gi, 'your')
    .replace(/\bthey (are|were)\b/gi, 'you $1')
    .replace(/\bthey\b/gi, 'you');
}
