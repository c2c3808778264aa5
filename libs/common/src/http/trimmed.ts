import { Transform } from 'class-transformer';

/**
 * The value trimmed before it is checked: a name of spaces is refused as empty (and " A " as too short), not
 * stored empty after a length check that counted the spaces.
 */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
