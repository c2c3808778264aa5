import { decodeHTMLStrict } from 'entities';

/**
 * HTML character references read as the characters they stand for: in an HTML body, and in a text part a mail
 * client converted badly ("N&atilde;o quero", "Got&nbsp;it", "I&#39;m"). Decoded by `entities` (every HTML5 named
 * reference, numeric ones of any code point; only with their ";", so "&amp" in a URL stays); a no-break space is
 * read as a space and a soft hyphen as nothing, as the reply's line and word patterns expect.
 */
export function decodeEntities(text: string): string {
  return decodeHTMLStrict(text)
    .replace(/\u00a0/g, ' ')
    .replace(/\u00ad/g, '');
}
