import type { AgentAction, AgentRunInput, AgentRunOutput, ReplyClassification } from '../../llm/llm-tasks';
import { labelReplyText } from '../classify/reply-classifier';
import { clean, firstSentence, lowerFirst } from '../text-utils';
import { atLocalHour, businessDaysAfter, dayName, zoneName, zoneOrUtc } from '../zoned-days';

/**
 * An AI agent run without a model (seed 004): the message is classified with the local reply classifier, then
 * each capability the agent has adds its part — lead qualification (qualify_lead, `qualified`), appointment
 * scheduling (schedule_call at 14:00 in the lead's zone, else UTC, on the next business day after `now`), FAQ answers from the product
 * context (send_pricing when prices are asked), ticket routing (route_ticket to a queue with a priority).
 */

const PRICE =
  /\b(price|pricing|prices|cost|costs|how much|quote|plans?|fee|fees|precio|prix|preis|preco|prezzo|prijs|tarif\w*)\b/i;
const QUEUES: Array<[string, RegExp]> = [
  ['compliance', /\b(unsubscribe|gdpr|dsgvo|rgpd|delete my data|privacy|opt[- ]?out|data protection)\b/i],
  [
    'billing',
    /\b(invoice|invoices|refund|charge|charged|payment|billing|credit card|receipt|factura|facture|rechnung|fatura|fattura|factuur)\b/i,
  ],
  [
    'support',
    /\b(bug|error|broken|not working|doesn'?t work|crash|issue|problem|help|login|password|fehler|erreur|error|erro|errore|storing)\b/i,
  ],
  ['sales', /\b(price|pricing|cost|how much|demo|buy|purchase|quote|trial|plan|upgrade|contract|sales)\b/i],
];
const URGENT =
  /\b(urgent|asap|immediately|right away|critical|down|outage|emergency|dringend|urgente|urgence|spoed)\b/i;

export function runLocalAgent(input: AgentRunInput): AgentRunOutput {
  const capabilities = (input.agent.capabilities ?? []).map((c) => c.toLowerCase().replace(/[\s_]+/g, '-'));
  const type = clean(input.agent.type).toLowerCase();
  const has = (cap: string, typeWord: RegExp) =>
    capabilities.some((c) => c.includes(cap)) || typeWord.test(type);
  const classification = labelReplyText({ text: clean(input.message), received_at: input.now });
  const leadId = input.lead?.id ?? null;
  const parts: string[] = [];
  const actions: AgentAction[] = [];
  let qualified: boolean | null = null;

  if (has('qualif', /qualif/)) {
    qualified = isQualified(classification, input.lead?.score ?? 0);
    parts.push(
      qualified
        ? `The lead looks qualified: ${lowerFirst(classification.reason)}`
        : `The lead is not qualified yet: ${lowerFirst(classification.reason)}`,
    );
    actions.push({
      type: 'qualify_lead',
      parameters: {
        lead_id: leadId,
        qualified,
        classification: classification.label,
        score: input.lead?.score ?? null,
      },
    });
  }
  if (has('schedul', /schedul|appointment|booking|calendar/) && wantsMeeting(classification)) {
    const zone = zoneOrUtc(input.lead?.timezone);
    const { day, at } = nextCallSlot(input.now, zone);
    parts.push(`I suggest a call on ${dayName(day)} at 14:00 ${zoneName(at, zone)}.`);
    actions.push({
      type: 'schedule_call',
      parameters: { lead_id: leadId, suggested_time: at.toISOString() },
    });
  }
  if (
    has('faq', /faq|support|answer|question/) &&
    (classification.label === 'question' || (classification.label === 'neutral' && /\?/.test(input.message)))
  ) {
    parts.push(faqAnswer(input));
    if (PRICE.test(input.message)) actions.push({ type: 'send_pricing', parameters: { lead_id: leadId } });
  }
  if (has('rout', /rout|triage|ticket|support/)) {
    const queue = routeQueue(input.message, classification);
    const priority = URGENT.test(input.message)
      ? 'high'
      : classification.label === 'unsubscribe'
        ? 'high'
        : 'normal';
    parts.push(`Routed to the ${queue} queue (${priority} priority).`);
    actions.push({ type: 'route_ticket', parameters: { lead_id: leadId, queue, priority } });
  }
  if (classification.label === 'unsubscribe' && !actions.some((a) => a.type === 'opt_out_lead')) {
    actions.push({ type: 'opt_out_lead', parameters: { lead_id: leadId } });
  }
  if (!parts.length)
    parts.push(
      `Message read as ${classification.label.replace(/_/g, ' ')}: ${lowerFirst(classification.reason)}`,
    );
  return {
    response: `${parts.join(' ')} (local provider, no external model)`,
    actions,
    confidence: classification.confidence,
    qualified,
  };
}

function isQualified(c: ReplyClassification, score: number): boolean {
  if (c.label === 'interested' || c.label === 'meeting_request') return true;
  if (c.label === 'question') return score >= 60;
  return false;
}

function wantsMeeting(c: ReplyClassification): boolean {
  return c.label === 'meeting_request' || c.label === 'interested';
}

function faqAnswer(input: AgentRunInput): string {
  const p = input.product;
  const name = clean(p.product) || 'The product';
  if (PRICE.test(input.message)) {
    return `Pricing depends on team size and channels; I can send the current price list${input.lead?.company ? ` for ${clean(input.lead.company)}` : ''}.`;
  }
  const description = clean(p.description);
  const value = (p.value_propositions ?? []).map(clean).filter(Boolean)[0];
  if (description)
    return `${name} is ${lowerFirst(description).replace(/^is\s+/i, '')}.${value ? ` ${firstSentence(value)}.` : ''}`.replace(
      /\.\./g,
      '.',
    );
  if (value) return `${name}: ${lowerFirst(value)}.`;
  return `I don't have the product details to answer that yet; a colleague will follow up.`;
}

/** The first Monday-to-Friday day after `now` in the lead's zone `zone`, and 14:00 that day there. */
export function nextCallSlot(now: string, zone: string): { day: Date; at: Date } {
  const base = Number.isNaN(Date.parse(now)) ? Date.now() : Date.parse(now);
  const [day] = businessDaysAfter(base, zone, 1);
  return { day, at: atLocalHour(day, 14, zone) };
}

function routeQueue(message: string, c: ReplyClassification): string {
  if (c.label === 'unsubscribe') return 'compliance';
  const byWords = QUEUES.find(([, re]) => re.test(message))?.[0];
  if (byWords) return byWords;
  if (c.label === 'interested' || c.label === 'meeting_request') return 'sales';
  return 'general';
}
