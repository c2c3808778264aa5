import type { HistoryEntry, ProductMetadata, WriteMessageInput } from '../../llm/llm-tasks';
import { clean, stableHash } from '../text-utils';
import { atLocalHour, businessDaysAfter, dayName, zoneName, zoneOrUtc } from '../zoned-days';

export type Tone = 'formal' | 'friendly' | 'neutral';

/** What the templates need, every field already clean text ('' when unknown, never "null"). */
export interface MessageContext {
  name: string;
  company: string;
  position: string;
  industry: string;
  product: string;
  description: string;
  valueProps: string[];
  tone: Tone;
  seed: number;
  lastLeadMessage: string;
  lastAgentMessage: string;
  /** The latest time in the history (ISO), to propose slots after; '' when there is no history. */
  lastAt: string;
  /** The lead's IANA zone, to propose slots in; '' when unknown. */
  timezone: string;
}

export function toneOf(tone: string | null | undefined): Tone {
  const t = clean(tone).toLowerCase();
  if (/formal|professional|corporate|serious|polite|respectful|förmlich|formel|formale|formeel/.test(t))
    return 'formal';
  if (
    /friendly|casual|warm|informal|playful|relaxed|fun|chatty|conversational|cheerful|amigable|amical|freundlich|amichevole|vriendelijk/.test(
      t,
    )
  ) {
    return 'friendly';
  }
  return 'neutral';
}

export function messageContext(input: WriteMessageInput): MessageContext {
  const custom = input.lead?.custom_fields ?? {};
  const history = input.history ?? [];
  const product: Partial<ProductMetadata> = input.product ?? {};
  const industry = clean(custom.industry ?? custom.sector ?? custom.vertical);
  const lastFrom = (pred: (h: HistoryEntry) => boolean) => clean([...history].reverse().find(pred)?.content);
  const times = history.map((h) => clean(h.at)).filter((t) => !Number.isNaN(Date.parse(t)));
  return {
    name: clean(input.lead?.first_name),
    company: clean(input.lead?.company),
    position: clean(input.lead?.position),
    industry:
      industry || matchIndustry(product.industries ?? [], [input.lead?.company, input.lead?.position]),
    product: clean(product.product),
    description: clean(product.description).replace(/[.!]+$/, ''),
    valueProps: (product.value_propositions ?? [])
      .map(clean)
      .filter(Boolean)
      .map((v) => v.replace(/[.!]+$/, '')),
    tone: toneOf(product.tone),
    seed: stableHash(
      input.lead?.first_name,
      input.lead?.last_name,
      input.lead?.company,
      input.purpose,
      input.instructions,
      input.last_classification,
      history.length,
    ),
    lastLeadMessage: lastFrom((h) => h.direction === 'inbound' && h.sender === 'lead'),
    lastAgentMessage: lastFrom((h) => h.sender === 'agent'),
    lastAt: times.sort().at(-1) ?? '',
    timezone: clean(input.lead?.timezone),
  };
}

/** One of the product's industries that the lead's company or position mentions, else ''. */
function matchIndustry(industries: string[], facts: Array<string | null>): string {
  const text = facts.map(clean).join(' ').toLowerCase();
  return clean(industries.find((i) => clean(i) && text.includes(clean(i).toLowerCase())));
}

/** The value proposition sharing most words with what we know of the lead (ties: a stable pick). */
export function fittedValueProp(ctx: MessageContext, hint: string): string {
  if (!ctx.valueProps.length) return '';
  const words = new Set(
    `${ctx.company} ${ctx.position} ${ctx.industry} ${hint}`.toLowerCase().match(/[a-zà-ÿ]{4,}/g) ?? [],
  );
  const scored = ctx.valueProps.map((vp, i) => ({
    vp,
    score: (vp.toLowerCase().match(/[a-zà-ÿ]{4,}/g) ?? []).filter((w) => words.has(w)).length,
    order: (ctx.seed + i) % ctx.valueProps.length,
  }));
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored[0].vp;
}

/**
 * Two proposed slots: the next two business days after `after` in the lead's zone (`zone`, an IANA name; UTC when
 * unknown or not one), at 10:00 and 15:00 there, each named with the zone's short name then ("EST", "GMT+1").
 */
export function proposedSlots(after: string, zone?: string | null): [string, string] | null {
  const base = Date.parse(after);
  if (Number.isNaN(base)) return null;
  const tz = zoneOrUtc(zone);
  const [first, second] = businessDaysAfter(base, tz, 2);
  const label = (day: Date, hour: number) =>
    `${dayName(day)} at ${hour}:00 ${zoneName(atLocalHour(day, hour, tz), tz)}`;
  return [label(first, 10), label(second, 15)];
}
