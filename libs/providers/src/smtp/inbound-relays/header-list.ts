/** Headers as a relay lists them: `{ name, value }` pairs, in order. */
export type HeaderList = { name: string; value: string }[];

/** The first value of a header (names in any case); undefined when absent or blank. */
export function headerOf(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const value = headers.find((h) => h.name.toLowerCase() === wanted)?.value?.trim();
  return value ? value : undefined;
}

/** The Message-IDs of a References (or In-Reply-To) value, in order. */
export function messageIdsOf(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}
