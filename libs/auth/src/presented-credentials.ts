import type { PresentedCredentials } from './credentials.service';

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the credentials a request presents, without judging them. */
export function presentedCredentials(
  headers: Record<string, string | string[] | undefined>,
): PresentedCredentials {
  const authorization = first(headers.authorization)?.trim();
  const bearer =
    authorization && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '') : undefined;
  const apiKey = first(headers['x-api-key'])?.trim();
  return { bearer: bearer || undefined, apiKey: apiKey || undefined };
}

export function hasCredentials(headers: Record<string, string | string[] | undefined>): boolean {
  const presented = presentedCredentials(headers);
  return Boolean(presented.bearer || presented.apiKey || headers.authorization);
}
