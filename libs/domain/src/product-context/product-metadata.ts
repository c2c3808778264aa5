import { cutText } from '@app/common';
import { EMPTY_PRODUCT, PRODUCT_FIELDS, type ProductMetadata } from '@app/providers';

export type ProductField = keyof ProductMetadata;

const MAX_TEXT = 5000;
const MAX_ITEMS = 30;
const MAX_ITEM = 200;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? cutText(value.trim(), MAX_TEXT) : null;
}

function list(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || !item.trim()) continue;
    const clean = cutText(item.trim(), MAX_ITEM);
    if (seen.has(clean.toLowerCase())) continue;
    seen.add(clean.toLowerCase());
    out.push(clean);
  }
  return out.slice(0, MAX_ITEMS);
}

/** A stored (jsonb) or model-produced metadata object as a complete ProductMetadata: unknown keys dropped. */
export function toProductMetadata(raw: unknown): ProductMetadata {
  if (!raw || typeof raw !== 'object') return { ...EMPTY_PRODUCT, value_propositions: [], industries: [] };
  const m = raw as Record<string, unknown>;
  return {
    product: text(m.product),
    description: text(m.description),
    value_propositions: list(m.value_propositions),
    industries: list(m.industries),
    ideal_customer: text(m.ideal_customer),
    tone: text(m.tone),
  };
}

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((v, i) => v.toLowerCase() === b[i].toLowerCase());

export function sameMetadata(a: ProductMetadata, b: ProductMetadata): boolean {
  return PRODUCT_FIELDS.every((field) => {
    const x = a[field];
    const y = b[field];
    return Array.isArray(x) && Array.isArray(y) ? sameList(x, y) : x === y;
  });
}

/**
 * A turn's change applied to the metadata as it is now (a three-way merge): the turn started from `base` and
 * answered `turn`; another chat of the tenant may have changed the stored metadata to `current` meanwhile. A field
 * the turn changed takes the turn's value (lists: the items it added join, the items it removed leave); a field it
 * did not change keeps the current value. So two concurrent chats both keep what they learnt.
 */
export function mergeTurn(
  base: ProductMetadata,
  turn: ProductMetadata,
  current: ProductMetadata,
): ProductMetadata {
  const lower = (items: string[]) => new Set(items.map((v) => v.toLowerCase()));
  const mergeList = (b: string[], t: string[], c: string[]) => {
    if (sameList(b, t)) return c;
    const before = lower(b);
    const after = lower(t);
    const removed = [...before].filter((v) => !after.has(v));
    const added = t.filter((v) => !before.has(v.toLowerCase()));
    return list([...c.filter((v) => !removed.includes(v.toLowerCase())), ...added]);
  };
  const pick = (b: string | null, t: string | null, c: string | null) => (b === t ? c : t);
  return {
    product: pick(base.product, turn.product, current.product),
    description: pick(base.description, turn.description, current.description),
    value_propositions: mergeList(
      base.value_propositions,
      turn.value_propositions,
      current.value_propositions,
    ),
    industries: mergeList(base.industries, turn.industries, current.industries),
    ideal_customer: pick(base.ideal_customer, turn.ideal_customer, current.ideal_customer),
    tone: pick(base.tone, turn.tone, current.tone),
  };
}
