/**
 * What a person shares without writing (a place, a contact card, an order, a form's answers, a poll) as the plain text of an inbound message,
 * so an agent sees what came instead of an empty message. Each provider's parser reads its own shape into these.
 */

/** The longest such text: a card of many contacts or an order of many lines is cut, ending in '…'. */
export const SHARED_CONTENT_MAX_CHARS = 1000;
/** The longest name, address, phone... kept of one field. */
const FIELD_MAX_CHARS = 200;
/** Contacts of a card, and lines of an order, written out; the rest are counted. */
const MAX_LISTED = 10;

/**
 * The body of a message the person wrote with nothing we can show (a kind the provider added after our parser,
 * content it withholds, fields of another shape than documented): kept so the agent sees the lead wrote and can ask
 * what they sent, never as an empty message.
 */
export const UNSUPPORTED_BODY = '[unsupported message]';

export interface SharedPlace {
  latitude?: unknown;
  longitude?: unknown;
  name?: unknown;
  address?: unknown;
}

export interface SharedContact {
  name?: unknown;
  phones: unknown[];
  emails: unknown[];
}

export interface OrderLine {
  product: unknown;
  quantity: unknown;
  price?: unknown;
  currency?: unknown;
}

/**
 * `📍 Location: <name>, <address> (lat, long)` and a maps link on the next line; undefined when the coordinates are
 * no place (not numbers, or outside ±90 / ±180).
 */
export function placeText(place: SharedPlace): string | undefined {
  const latitude = coordinate(place.latitude, 90);
  const longitude = coordinate(place.longitude, 180);
  if (latitude === undefined || longitude === undefined) return undefined;
  const where = [fieldText(place.name), fieldText(place.address)].filter(Boolean).join(', ');
  const point = `${latitude}, ${longitude}`;
  return bounded(
    `📍 Location: ${where ? `${where} ` : ''}(${point})\nhttps://maps.google.com/?q=${latitude},${longitude}`,
  );
}

/** One line `👤 Contact: <name>, <phones>, <emails>` per contact; undefined when none has anything to show. */
export function contactsText(contacts: SharedContact[]): string | undefined {
  const lines = contacts.flatMap((c) => {
    const parts = [c.name, ...c.phones, ...c.emails].map(fieldText).filter(Boolean);
    return parts.length ? [`👤 Contact: ${parts.join(', ')}`] : [];
  });
  return lines.length ? bounded(listed(lines, 'more contacts').join('\n')) : undefined;
}

/**
 * `🛒 Order: N items (catalog <id>)`, a line `<product> × <quantity> @ <price> <currency>` per product, and the
 * customer's note; undefined when no line names a product.
 */
export function orderText(catalog: unknown, lines: OrderLine[], note?: unknown): string | undefined {
  const items = lines.flatMap((line) => {
    const product = fieldText(line.product);
    if (!product) return [];
    const quantity = count(line.quantity);
    const price = amount(line.price);
    const currency = fieldText(line.currency);
    const each = price === undefined ? '' : ` @ ${price}${currency ? ` ${currency}` : ''}`;
    return [{ text: `- ${product} × ${quantity ?? '?'}${each}`, quantity }];
  });
  if (!items.length) return undefined;
  const total = items.every((i) => i.quantity !== undefined)
    ? items.reduce((sum, i) => sum + (i.quantity ?? 0), 0)
    : items.length;
  const id = fieldText(catalog);
  const head = `🛒 Order: ${total} ${total === 1 ? 'item' : 'items'}${id ? ` (catalog ${id})` : ''}`;
  const said = fieldText(note);
  const body = [
    head,
    ...listed(
      items.map((i) => i.text),
      'more products',
    ),
    ...(said ? [said] : []),
  ];
  return bounded(body.join('\n'));
}

/**
 * `📝 Form reply: <key>: <value>, ...` on one line, the answers in the order given (a list's items in brackets, an
 * object as its JSON; empty ones left out); `said` (the reply's own label) when no answer has anything to show.
 */
export function formReplyText(answers: Record<string, unknown>, said?: unknown): string {
  const pairs = Object.entries(answers).flatMap(([key, value]) => {
    const text = answerText(value);
    return text ? [`${fieldText(key)}: ${text}`] : [];
  });
  const shown = pairs.length ? listed(pairs, 'more answers').join(', ') : fieldText(said);
  return bounded(`📝 Form reply${shown ? `: ${shown}` : ''}`);
}

/** `📊 Poll: <question> (<option> / <option> ...)`, the first 10 options listed; undefined when it asks nothing. */
export function pollText(question: unknown, options: unknown[]): string | undefined {
  const asked = fieldText(question);
  if (!asked) return undefined;
  const choices = listed(options.map(fieldText).filter(Boolean), 'more options').join(' / ');
  return bounded(`📊 Poll: ${asked}${choices ? ` (${choices})` : ''}`);
}

/** `☑️ Checklist: <title> (<task> / <task> ...)`, the first 10 tasks listed; undefined when it has no title. */
export function checklistText(title: unknown, tasks: unknown[]): string | undefined {
  const named = fieldText(title);
  if (!named) return undefined;
  const listedTasks = listed(tasks.map(fieldText).filter(Boolean), 'more tasks').join(' / ');
  return bounded(`☑️ Checklist: ${named}${listedTasks ? ` (${listedTasks})` : ''}`);
}

/** One answer of a form: a text, number or yes/no as such, a list's items in brackets, an object as its JSON. */
function answerText(value: unknown): string {
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map(answerText).filter(Boolean);
    return items.length ? fieldText(`[${items.join(', ')}]`) : '';
  }
  if (value !== null && typeof value === 'object') return fieldText(JSON.stringify(value));
  return fieldText(value);
}

/** A coordinate in decimal degrees (a number or a numeric string) within ±limit, to 6 places (about 10 cm). */
function coordinate(value: unknown, limit: number): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? Number(n.toFixed(6)) : undefined;
}

/** A whole positive quantity (a number or a numeric string). */
function count(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** A price as given (a number or a numeric string), not negative. */
function amount(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A string (or number) field on one line: control characters and runs of spaces made one space, cut. */
function fieldText(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return cut(line, FIELD_MAX_CHARS);
}

/** The first MAX_LISTED lines and, when there are more, a line counting them. */
function listed(lines: string[], more: string): string[] {
  return lines.length > MAX_LISTED
    ? [...lines.slice(0, MAX_LISTED), `… ${lines.length - MAX_LISTED} ${more}`]
    : lines;
}

function bounded(text: string): string {
  return cut(text, SHARED_CONTENT_MAX_CHARS);
}

/** At most `max` characters, a longer text ending in '…' (never half of an emoji's surrogate pair). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = text.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept}…`;
}
