import { dirname } from 'node:path';

/**
 * validator.js's isEmail, the function class-validator's isEmail calls (after a typeof string check), loaded alone:
 * the staging thread (stage.thread.ts) loads this file, and class-validator's index loads every validator it has
 * (stage-thread-modules.spec.ts). Resolved from class-validator's folder, so it is the copy class-validator uses.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validatorIsEmail = require(
  require.resolve('validator/lib/isEmail', { paths: [dirname(require.resolve('class-validator'))] }),
) as { default: (value: string) => boolean };

/**
 * The plain ASCII addresses class-validator's isEmail (validator.js, default options) accepts: dot-separated runs of
 * its local-part characters, then host labels of letters, digits and inner hyphens (1 to 63 characters) ending in a
 * TLD of letters. It accepts every such address of at most 254 characters whose local part is at most 64 (a label
 * of 64 or more, a TLD of 64 letters, an underscore in the host: none match here).
 */
const PLAIN_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const MAX_ADDRESS = 254;
const MAX_LOCAL_PART = 64;

/**
 * Whether the text is an email address as class-validator's isEmail says (the API's leads are checked with it):
 * the same answer for every string, without its generic path (option merging, a byte count through encodeURI,
 * a regex per part) for the plain addresses nearly every import holds.
 */
export function isEmailAddress(value: string): boolean {
  if (value.length <= MAX_ADDRESS && value.indexOf('@') <= MAX_LOCAL_PART && PLAIN_ADDRESS.test(value))
    return true;
  return validatorIsEmail.default(value);
}
