/**
 * The CSV bench:import uploads (bench/import.ts): N realistic lead rows with planted invalid rows, duplicates
 * and do-not-contact phones, counted as they are written so the bench knows what the import must report.
 * Also writes the same rows in the `leads` table's column form, for the `\copy` reference.
 * Deterministic for a given seed and row count; both files are streamed to disk, never held in memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify, Stringifier } from 'csv-stringify';
import { CountryCode, isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js/max';

/** The upload's header: every column but Industry maps to a lead field; Industry becomes a custom field. */
export const IMPORT_HEADER = [
  'First Name',
  'Last Name',
  'E-mail',
  'Phone Number',
  'Company',
  'Country',
  'Tags',
  'Notes',
  'Industry',
] as const;

/** The reference file's columns, in the `leads` table's names (the `\copy` column list). */
export const REF_COLUMNS = [
  'tenant_id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'country',
  'company',
  'tags',
  'notes',
  'custom_fields',
] as const;

/** How often each kind of row appears (of all rows), and how many new leads have an email. */
const SHARES = { invalid: 0.02, duplicate: 0.03, dnc: 0.005, email: 0.85 };

/** The country the import is told to assume for national numbers whose row has no Country. */
export const DEFAULT_COUNTRY: CountryCode = 'US';

export interface ExpectedCounts {
  total: number;
  invalid: number;
  duplicates: number;
  dnc: number;
  inserted: number;
}

export interface GeneratedImport {
  /** The upload (UTF-8 with BOM, CRLF, as a spreadsheet saves it). */
  csvPath: string;
  /** The same rows as `leads` columns, for `\copy ... WITH (FORMAT csv, HEADER true)`. */
  refPath: string;
  csvBytes: number;
  expected: ExpectedCounts;
  /** E.164 phones of the dnc rows: the bench puts them on the tenant's do-not-contact list before the upload. */
  dncPhones: string[];
}

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- phones: per country, how a national significant number (NSN) is drawn and the ways people write it

interface PhoneForm {
  /** The number as written, from the NSN. */
  write: (nsn: string) => string;
  /** The row's Country cell with this form ('' = none: the import's default US applies). */
  country: string;
}

interface PhoneRegion {
  callingCode: string;
  weight: number;
  /** A candidate NSN (not necessarily valid: every number is checked with libphonenumber before use). */
  draw: (digits: (n: number) => string, pick: <T>(xs: readonly T[]) => T) => string;
  forms: PhoneForm[];
}

const s = (nsn: string, from: number, to?: number) => nsn.slice(from, to);

const REGIONS: PhoneRegion[] = [
  {
    // US: area code + exchange + line. National forms rely on the import's default_country=US.
    callingCode: '1',
    weight: 0.6,
    draw: (digits, pick) =>
      pick(['415', '212', '312', '646', '617', '303', '206', '512', '305', '702', '213', '404', '713']) +
      pick(['2', '3', '4', '5', '6', '7', '8', '9']) +
      digits(6),
    forms: [
      { write: (n) => `+1 ${s(n, 0, 3)} ${s(n, 3, 6)} ${s(n, 6)}`, country: '' },
      { write: (n) => `+1 (${s(n, 0, 3)}) ${s(n, 3, 6)}-${s(n, 6)}`, country: 'US' },
      { write: (n) => `(${s(n, 0, 3)}) ${s(n, 3, 6)}-${s(n, 6)}`, country: '' },
      { write: (n) => `${s(n, 0, 3)}.${s(n, 3, 6)}.${s(n, 6)}`, country: '' },
      { write: (n) => `${s(n, 0, 3)}-${s(n, 3, 6)}-${s(n, 6)}`, country: 'US' },
      { write: (n) => `1 ${s(n, 0, 3)} ${s(n, 3, 6)} ${s(n, 6)}`, country: '' },
    ],
  },
  {
    // UK mobiles: 07xxx xxxxxx.
    callingCode: '44',
    weight: 0.15,
    draw: (digits, pick) => '7' + pick(['4', '5', '7', '8', '9']) + digits(8),
    forms: [
      { write: (n) => `+44 ${s(n, 0, 4)} ${s(n, 4)}`, country: '' },
      { write: (n) => `0${s(n, 0, 4)} ${s(n, 4)}`, country: 'GB' },
      { write: (n) => `0044 ${s(n, 0, 4)} ${s(n, 4)}`, country: 'GB' },
      { write: (n) => `+44 ${s(n, 0, 4)} ${s(n, 4, 7)} ${s(n, 7)}`, country: 'GB' },
    ],
  },
  {
    // German mobiles: 015x xxxxxxxx.
    callingCode: '49',
    weight: 0.15,
    draw: (digits, pick) => '15' + pick(['1', '2', '7', '9']) + digits(8),
    forms: [
      { write: (n) => `+49 ${s(n, 0, 3)} ${s(n, 3)}`, country: '' },
      { write: (n) => `0${s(n, 0, 3)} ${s(n, 3)}`, country: 'DE' },
      { write: (n) => `0049 ${s(n, 0, 3)} ${s(n, 3)}`, country: 'DE' },
      { write: (n) => `0${s(n, 0, 3)}/${s(n, 3)}`, country: 'DE' },
    ],
  },
  {
    // French mobiles: 06 xx xx xx xx.
    callingCode: '33',
    weight: 0.1,
    draw: (digits, pick) => pick(['6', '7']) + digits(8),
    forms: [
      { write: (n) => `+33 ${s(n, 0, 1)} ${s(n, 1, 3)} ${s(n, 3, 5)} ${s(n, 5, 7)} ${s(n, 7)}`, country: '' },
      { write: (n) => `0${s(n, 0, 1)} ${s(n, 1, 3)} ${s(n, 3, 5)} ${s(n, 5, 7)} ${s(n, 7)}`, country: 'FR' },
      { write: (n) => `0${n}`, country: 'FR' },
    ],
  },
];

/** Written phones that no country's rules accept (checked against the row's country at generation). */
const INVALID_PHONES = ['12345', '+999 12', 'call me', '555-01', '+1 415 555', '0000', 'n/a', '+44 12'];

// ---- the rest of a person

// prettier-ignore
const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Oliver', 'Amelia', 'Harry', 'Isla', 'Jack', 'Ava', 'Lukas', 'Mia', 'Jonas', 'Lea', 'Léa', 'Zoë',
  'José', 'Chloé', 'Jürgen', 'Søren', 'Renée', 'François', 'Hélène', 'Mateo', 'Noah', 'Emma',
];
// prettier-ignore
const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Taylor', 'Wilson', 'Evans', 'Thomas', "O'Brien", 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber',
  'Martin', 'Bernard', 'Dubois', 'Durand', 'Lefèvre', 'García', 'Núñez', 'van der Berg', 'MacDonald', 'Nguyen',
];
// prettier-ignore
const COMPANIES = [
  'Acme, Inc.', 'Globex Corporation', 'Initech', 'Umbrella Ltd', 'Stark Industries', 'Wayne Enterprises',
  'Hooli', 'Pied Piper', 'Soylent GmbH', 'Tyrell Corp.', 'Cyberdyne Systems', 'Müller & Söhne KG',
  'Café "Le Coin" SARL', 'Northwind Traders', 'Contoso Ltd.', 'Fabrikam, LLC', 'Vandelay Industries',
  'Dunder Mifflin', 'Bluth Company', 'Gringotts plc',
];
const TAGS = ['vip', 'q4', 'b2b', 'b2c', 'newsletter', 'webinar', 'trade-show', 'partner', 'cold', 'warm'];
const TAG_SEPARATORS = [', ', ',', '; ', ' | '];
const NOTES = [
  'Met at the trade show.',
  'Asked for a demo, call back after 3pm',
  'Prefers email; do not call before 10am',
  'Said "maybe next quarter"',
  'Referred by an existing customer.\nFollow up in two weeks.',
  'Budget approved, waiting on legal',
  'Left a voicemail',
];
// prettier-ignore
const INDUSTRIES = [
  'SaaS', 'Retail', 'Health care', 'Manufacturing', 'Finance, banking', 'Education', 'Logistics',
  'Real estate', 'Hospitality', 'Non-profit',
];

/** "Zoë" -> "zoe", "O'Brien" -> "obrien", "van der Berg" -> "vanderberg": an email's local part. */
const EMAIL_PART = new Map(
  [...FIRST_NAMES, ...LAST_NAMES].map((name) => [
    name,
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]/g, ''),
  ]),
);

/** An inserted row a later row can repeat: its phone (to write differently) and its email. */
interface Original {
  region: PhoneRegion;
  nsn: string;
  form: number;
  e164: string;
  first: string;
  last: string;
  email: string;
}

/** A new phone: where it comes from, and how this row writes it. */
type FreshPhone = Omit<Original, 'first' | 'last' | 'email'> & { written: string; country: string };

/**
 * Generates `rows` rows into `dir` (`leads.csv` and `leads-ref.csv`). Per row, roughly: 2% invalid (a phone no
 * country accepts, or neither phone nor email), 3% duplicates of an earlier inserted row (its phone written in
 * another form, with the same email or none), 0.5% phones on the do-not-contact list, the rest new leads with
 * a unique valid phone and, 85% of the time, a unique email. The counts returned are exact.
 */
export async function generateImportCsv(options: {
  rows: number;
  dir: string;
  tenantId: string;
  seed?: number;
}): Promise<GeneratedImport> {
  const random = mulberry32(options.seed ?? 0x5eed_2024);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const digits = (n: number) => {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(random() * 10);
    return out;
  };
  const totalWeight = REGIONS.reduce((sum, r) => sum + r.weight, 0);
  const pickRegion = () => {
    let x = random() * totalWeight;
    for (const region of REGIONS) if ((x -= region.weight) < 0) return region;
    return REGIONS[REGIONS.length - 1];
  };

  /** The E.164 of a written phone when libphonenumber accepts it for the row's country (or the default). */
  const e164Of = (written: string, country: string): string | undefined => {
    const as = (country || DEFAULT_COUNTRY) as CountryCode;
    return isValidPhoneNumber(written, as) ? parsePhoneNumber(written, as).number : undefined;
  };

  const used = new Set<string>(); // every planted-valid E.164, so no two new rows share a phone
  /** A new valid phone, unique in the file: drawn again until libphonenumber accepts it and it is unused. */
  const freshPhone = (): FreshPhone => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const region = pickRegion();
      const form = Math.floor(random() * region.forms.length);
      const nsn = region.draw(digits, pick);
      const written = region.forms[form].write(nsn);
      const country = region.forms[form].country;
      const e164 = e164Of(written, country);
      if (!e164 || used.has(e164)) continue;
      if (e164 !== `+${region.callingCode}${nsn}`) {
        throw new Error(`phone form of +${region.callingCode} misread: "${written}" parsed as ${e164}`);
      }
      used.add(e164);
      return { region, nsn, form, e164, written, country };
    }
    throw new Error('could not draw a new valid phone in 1000 attempts');
  };

  const csvPath = join(options.dir, 'leads.csv');
  const refPath = join(options.dir, 'leads-ref.csv');
  // What a spreadsheet saves as "CSV UTF-8": a BOM and CRLF; fields holding a newline quoted all the same.
  const csv = stringify({
    header: true,
    columns: [...IMPORT_HEADER],
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
  });
  const ref = stringify({ header: true, columns: [...REF_COLUMNS] });
  const written = Promise.all([
    pipeline(csv, createWriteStream(csvPath)),
    pipeline(ref, createWriteStream(refPath)),
  ]);
  written.catch(() => undefined); // a write error surfaces in put() or at the end, not as an unhandled rejection
  /** Writes one record, waiting while the stringifier's buffer is full (the disk is slower than we are). */
  const put = async (out: Stringifier, record: string[]) => {
    if (!out.write(record)) await Promise.race([once(out, 'drain'), written]);
  };

  const expected: ExpectedCounts = { total: 0, invalid: 0, duplicates: 0, dnc: 0, inserted: 0 };
  const dncPhones: string[] = [];
  // Inserted rows a duplicate can repeat: a bounded pool (recent and older rows), each repeated at most once.
  const pool: Original[] = [];
  const POOL_SIZE = 20_000;

  for (let i = 0; i < options.rows; i++) {
    const roll = random();
    let kind: 'new' | 'invalid' | 'duplicate' | 'dnc' = 'new';
    if (roll < SHARES.invalid) kind = 'invalid';
    else if (roll < SHARES.invalid + SHARES.duplicate) kind = pool.length > 0 ? 'duplicate' : 'new';
    else if (roll < SHARES.invalid + SHARES.duplicate + SHARES.dnc) kind = 'dnc';
    let first = pick(FIRST_NAMES);
    let last = pick(LAST_NAMES);
    let email = '';
    let phone = '';
    let country = '';
    const newEmail = () =>
      `${EMAIL_PART.get(first)}.${EMAIL_PART.get(last)}.${i}@example-${1 + Math.floor(random() * 50)}.com`;

    if (kind === 'invalid') {
      // Invalid: a phone nobody accepts (with an email of its own, or none), or neither phone nor email.
      expected.invalid++;
      if (random() < 0.6) {
        phone = pick(INVALID_PHONES);
        country = random() < 0.3 ? pick(['GB', 'DE', 'FR']) : '';
        if (e164Of(phone, country)) throw new Error(`"${phone}" planted as invalid is valid for ${country}`);
        if (random() < 0.5) email = newEmail();
      }
    } else if (kind === 'duplicate') {
      // Duplicate: an earlier inserted row's phone in another form, with its email or none.
      expected.duplicates++;
      const at = Math.floor(random() * pool.length);
      const original = pool[at];
      pool[at] = pool[pool.length - 1];
      pool.pop();
      const forms = original.region.forms.map((_, f) => f).filter((f) => f !== original.form);
      const form = original.region.forms[pick(forms)];
      phone = form.write(original.nsn);
      country = form.country;
      if (e164Of(phone, country) !== original.e164) {
        throw new Error(`duplicate "${phone}" (${country || DEFAULT_COUNTRY}) is not ${original.e164}`);
      }
      first = original.first;
      last = original.last;
      email = random() < 0.5 ? original.email : '';
    } else {
      // A new lead, or one whose phone is on the do-not-contact list.
      const fresh = freshPhone();
      phone = fresh.written;
      country = fresh.country;
      if (random() < SHARES.email) email = newEmail();
      if (kind === 'dnc') {
        expected.dnc++;
        dncPhones.push(fresh.e164);
      } else {
        expected.inserted++;
        const original: Original = { ...fresh, first, last, email };
        if (pool.length < POOL_SIZE) pool.push(original);
        else pool[Math.floor(random() * POOL_SIZE)] = original;
      }
    }
    expected.total++;

    const company = random() < 0.8 ? pick(COMPANIES) : '';
    const tags = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(TAGS)))];
    const notes = random() < 0.3 ? pick(NOTES) : '';
    const industry = random() < 0.9 ? pick(INDUSTRIES) : '';
    await put(csv, [
      first,
      last,
      email,
      phone,
      company,
      country,
      tags.join(pick(TAG_SEPARATORS)),
      notes,
      industry,
    ]);
    await put(ref, [
      options.tenantId,
      first,
      last,
      email,
      phone,
      country,
      company,
      `{${tags.join(',')}}`,
      notes,
      JSON.stringify(industry ? { Industry: industry } : {}),
    ]);
  }
  csv.end();
  ref.end();
  await written;
  return { csvPath, refPath, csvBytes: (await stat(csvPath)).size, expected, dncPhones };
}
