export type MediaKind = 'image' | 'video' | 'audio' | 'document';

/** The lower-cased extension of a media URL's path ('' when it has none). */
export function mediaExtension(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not an absolute URL: judge the string itself
  }
  const name = path.split('/').pop() ?? '';
  return name.includes('.') ? (name.split('.').pop()?.toLowerCase() ?? '') : '';
}

/** What a media URL is sent as, judged by its extension against a provider's table; anything else is `fallback`. */
export function mediaKindIn<K>(
  url: string,
  table: Readonly<Record<string, K>>,
  fallback: K,
): K {
  return table[mediaExtension(url)] ?? fallback;
}
