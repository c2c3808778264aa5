import { getCountry } from 'countries-and-timezones';
import {
  CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  PhoneNumber,
} from 'libphonenumber-js/max';
import { cachePhonePatterns } from './phone-patterns';
import { zonesByPrefix } from './phone-zones';

cachePhonePatterns();

export interface NormalizedPhone {
  /** E.164, e.g. +351912345678. */
  e164: string;
  /** ISO 3166-1 alpha-2 of the number, when it belongs to one country. */
  country: string | null;
  /** The IANA zones the number can be in (its prefix's, else its country's). */
  timezones: string[];
}

export type PhoneParse = { ok: true; phone: NormalizedPhone } | { ok: false; reason: string };

const MAX_INPUT = 64;
/** A C0 control character or DEL (no UTF-16 unit of any other character is one). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A country code libphonenumber knows, upper-cased, or undefined. */
export function phoneCountry(value: string | null | undefined): CountryCode | undefined {
  const code = value?.trim().toUpperCase();
  return code && isSupportedCountry(code) ? code : undefined;
}

/** The number as read (the given country's rules, else the "00" form), and whether it is valid. */
function parse(
  raw: string,
  country: CountryCode | undefined,
): { phone: PhoneNumber; valid: boolean } | undefined {
  // Validity is read once per candidate: with the full metadata, isValid() tries the number's every type pattern.
  const direct = parsePhoneNumberFromString(raw, country);
  if (direct?.isValid()) return { phone: direct, valid: true };
  // "00" is the international prefix in most of the world, even where the given country dials another one.
  const digits = raw.replace(/[^\d+]/g, '');
  const international = digits.startsWith('00')
    ? parsePhoneNumberFromString(`+${digits.slice(2)}`)
    : undefined;
  if (international?.isValid()) return { phone: international, valid: true };
  const phone = direct ?? international;
  return phone && { phone, valid: false };
}

/** The zones a number can be in: Google's per-prefix mapping, else the zones of its country. */
export function timezonesOf(phone: PhoneNumber): string[] {
  const byPrefix = zonesByPrefix(phone.number);
  if (byPrefix.length) return byPrefix;
  return phone.country ? (getCountry(phone.country)?.timezones ?? []) : [];
}

/**
 * Parses a phone as people write it (spaces, dots, dashes, brackets, trunk prefixes, "00" and "+" forms) into
 * E.164 with its country and candidate time zones. `countries` are tried in order for national numbers:
 * the row's own country, then the import's default, then the tenant's.
 */
export function normalizePhone(raw: string, ...countries: (string | null | undefined)[]): PhoneParse {
  const input = raw.trim();
  if (!input) return { ok: false, reason: 'is empty' };
  if (input.length > MAX_INPUT) return { ok: false, reason: 'is too long to be a phone number' };
  if (CONTROL.test(raw)) {
    return { ok: false, reason: 'contains control characters' };
  }
  if (/[a-z]/i.test(input.replace(/\s*(ext\.?|x)\s*\d+$/i, '')))
    return { ok: false, reason: 'contains letters' };
  let country: CountryCode | undefined;
  for (let i = 0; i < countries.length && !country; i++) country = phoneCountry(countries[i]);
  const parsed = parse(input, country);
  if (!parsed) {
    return {
      ok: false,
      reason: country ? 'is not a phone number' : 'is not in international format and no country was given',
    };
  }
  const { phone, valid } = parsed;
  if (!valid) return { ok: false, reason: 'is not a valid phone number' };
  return {
    ok: true,
    phone: { e164: phone.number, country: phone.country ?? null, timezones: timezonesOf(phone) },
  };
}

/**
 * The digits a number can be written with (a cell as people type it, all but its digits dropped): international
 * (447911123456) and the "+44 (0)7911…" form, each also with the "00" prefix, national with its trunk prefix
 * (07911123456), and the national number alone. Empty for what is not a number.
 */
export function phoneDigitForms(e164: string): string[] {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return [];
  const cc = phone.countryCallingCode;
  const nsn = phone.nationalNumber;
  const national = phone.formatNational().replace(/\D/g, '');
  const international = [`${cc}${nsn}`, `${cc}${national}`];
  return [...new Set([...international, ...international.map((d) => `00${d}`), national, nsn])];
}
