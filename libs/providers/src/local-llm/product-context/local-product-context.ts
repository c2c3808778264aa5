import {
  missingProductFields,
  REQUIRED_PRODUCT_FIELDS,
  type ProductContextTurn,
  type ProductContextTurnInput,
  type ProductMetadata,
} from '../../llm/llm-tasks';
import { clean, listText, upperFirst } from '../text-utils';
import { findIndustries } from './industries';
import { extractStatements, type Statements } from './statements';

/**
 * The product-context chat without a model (seed 002): what the user's message says about the product, its
 * description, value propositions, industries, ideal customer and tone is merged into the metadata — a new
 * product or description replaces the old one, lists merge without duplicates, "we pivoted to X" replaces the
 * industries. Confirmed once product, value propositions, industries and ideal customer are known; until then the
 * reply asks for the first missing one.
 */

const QUESTIONS: Record<string, string> = {
  product: 'What is the product called, and what does it do in one sentence?',
  value_propositions:
    'What are the main benefits your customers get from it (two or three value propositions)?',
  industries: 'Which industries do you sell to?',
  ideal_customer: 'Who is your ideal customer — company size, role of the buyer?',
};

export function productContextTurnLocally(input: ProductContextTurnInput): ProductContextTurn {
  const said = extractStatements(clean(input.user_message));
  const metadata = merge(normaliseMetadata(input.metadata), said);
  const missing = missingProductFields(metadata);
  const requiredMissing = REQUIRED_PRODUCT_FIELDS.filter((field) => missing.includes(field));
  const understood = summary(said);
  const reply = requiredMissing.length
    ? `${understood ? `Got it — ${understood}. ` : ''}${QUESTIONS[requiredMissing[0]]}`
    : `${understood ? `Got it — ${understood}. ` : ''}Your product context is complete: ${describeAll(metadata)}.`;
  return { reply, status: requiredMissing.length ? 'clarifying' : 'confirmed', metadata, missing };
}

function normaliseMetadata(m: ProductMetadata): ProductMetadata {
  return {
    product: clean(m?.product) || null,
    description: clean(m?.description) || null,
    value_propositions: (m?.value_propositions ?? []).map(clean).filter(Boolean),
    industries: (m?.industries ?? []).map(clean).filter(Boolean),
    ideal_customer: clean(m?.ideal_customer) || null,
    tone: clean(m?.tone) || null,
  };
}

function merge(before: ProductMetadata, said: Statements): ProductMetadata {
  return {
    product: said.product ?? before.product,
    description: said.description ?? before.description,
    value_propositions: union(before.value_propositions, said.valuePropositions),
    industries: said.pivotIndustries?.length
      ? said.pivotIndustries
      : union(
          before.industries.filter((i) => !said.droppedIndustries.includes(i.toLowerCase())),
          said.industries,
        ),
    ideal_customer: said.idealCustomer ?? before.ideal_customer,
    tone: said.tone ?? before.tone,
  };
}

/** Merges lists without duplicates (case- and punctuation-insensitive), keeping the first wording. */
function union(a: string[], b: string[]): string[] {
  const key = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const out: string[] = [];
  for (const item of [...a, ...b]) if (item && !out.some((o) => key(o) === key(item))) out.push(item);
  return out;
}

function summary(s: Statements): string {
  const parts: string[] = [];
  if (s.product) parts.push(`the product is ${s.product}`);
  if (s.description)
    parts.push(/^(an?|the)\s/i.test(s.description) ? `it is ${s.description}` : `it ${s.description}`);
  if (s.valuePropositions.length) parts.push(`value: ${listText(s.valuePropositions)}`);
  if (s.pivotIndustries?.length) parts.push(`you now focus on ${listText(s.pivotIndustries)}`);
  else if (s.industries.length) parts.push(`industries: ${listText(s.industries)}`);
  if (s.idealCustomer) parts.push(`ideal customer: ${s.idealCustomer}`);
  if (s.tone) parts.push(`tone: ${s.tone}`);
  return parts.join('; ');
}

function describeAll(m: ProductMetadata): string {
  return [
    `${upperFirst(m.product ?? '')}${m.description ? ` (${m.description})` : ''}`,
    `value propositions: ${listText(m.value_propositions)}`,
    `industries: ${listText(m.industries)}`,
    `ideal customer: ${m.ideal_customer}`,
    ...(m.tone ? [`tone: ${m.tone}`] : []),
  ].join('; ');
}

export { findIndustries };
