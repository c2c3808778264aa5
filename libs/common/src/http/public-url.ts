import { ValidateBy, type ValidationOptions } from 'class-validator';

const MAX_URL = 2000;

/**
 * An absolute http(s) URL with a host, at most 2000 characters, that the runtime's URL parser takes: a file, a
 * recording or an image a provider is to fetch. class-validator's IsUrl takes some the parser refuses
 * (http://xn--a.com/), which would only fail later, at the send.
 */
export function isPublicUrl(value: string): boolean {
  if (value.length > MAX_URL) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** isPublicUrl as a DTO check (`{ each: true }` for a list). */
export const IsPublicUrl = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPublicUrl',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isPublicUrl(value),
        defaultMessage: () =>
          `${options?.each ? 'each ' : ''}must be an http(s) URL a provider can fetch (at most ${MAX_URL} characters)`,
      },
    },
    options,
  );
