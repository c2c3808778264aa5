import { getAllCountries, getCountry } from 'countries-and-timezones';

/** "Côte d’Ivoire" -> "cote d ivoire", "The Netherlands" -> "netherlands". */
function fold(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/**
 * Short forms sheets use that are neither a code nor a name, folded without spaces ("U.S.A." -> "usa", "U.K." -> "uk").
 * ISO 3166-1 alpha-3 codes ("DEU") are not read: no library here maps them to alpha-2.
 */
const SHORT_FORMS = new Map([
  ['uk', 'GB'],
  ['us', 'US'],
  ['usa', 'US'],
]);

let byName: Map<string, string> | undefined;

/** Every country's English names (the time-zone library's and the runtime's CLDR one), folded, to its code. */
function names(): Map<string, string> {
  if (byName) return byName;
  const english = new Intl.DisplayNames('en', { type: 'region' });
  byName = new Map();
  for (const { id, name } of Object.values(getAllCountries())) {
    for (const spelling of [name, english.of(id)]) if (spelling) byName.set(fold(spelling), id);
  }
  return byName;
}

/**
 * The ISO 3166-1 alpha-2 code of a country cell as sheets hold it: the code itself ("pt") or the country's English
 * name ("Portugal", "United States", "United States of America"), or a short form ("UK", "USA", "U.S."); undefined
 * for anything else.
 */
export function countryCode(cell: string): string | undefined {
  const code = cell.trim().toUpperCase();
  if (getCountry(code)) return code;
  const folded = fold(cell);
  return names().get(folded) ?? SHORT_FORMS.get(folded.replace(/ /g, ''));
}
