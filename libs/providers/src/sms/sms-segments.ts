import { SegmentedMessage } from 'sms-segments-calculator';

/** GSM 03.38's basic table (the escape character aside): each is one septet. */
const GSM_BASIC_ONLY = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** How many SMS the text is billed as; 0 for an empty text. */
  segments: number;
  /**
   * Code units the text takes: GSM-7 septets (an extension-table character such as `€`, `{` or `^` counts two) or
   * UCS-2 16-bit units (a character outside the BMP, such as most emoji, counts two: a surrogate pair).
   */
  units: number;
  /** Units one segment carries: 160 / 70 for a single segment, 153 / 67 once a User Data Header is needed. */
  units_per_segment: number;
}

/**
 * Counts the SMS segments of a text the way Twilio does (its own calculator, `sms-segments-calculator`): GSM-7 when
 * every character is in the GSM 03.38 basic or extension table, else UCS-2; 160 / 70 units in one segment, 153 / 67
 * per segment when concatenated; an escape pair or a surrogate pair is never split across two segments.
 */
export function countSmsSegments(text: string): SmsSegmentCount {
  if (text === '') return { encoding: 'GSM-7', segments: 0, units: 0, units_per_segment: 160 };
  // Most texts are the basic table only: one septet a character, nothing to keep together. The calculator walks
  // the text grapheme by grapheme, a cost on every campaign send.
  if (GSM_BASIC_ONLY.test(text)) {
    const segments = text.length <= 160 ? 1 : Math.ceil(text.length / 153);
    return { encoding: 'GSM-7', segments, units: text.length, units_per_segment: segments > 1 ? 153 : 160 };
  }
  const message = new SegmentedMessage(text, 'auto', false);
  const encoding: SmsEncoding = message.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7';
  const segments = message.segmentsCount;
  const units = message.encodedChars.reduce((sum, char) => sum + char.codeUnits.length, 0);
  const single = encoding === 'GSM-7' ? 160 : 70;
  const concatenated = encoding === 'GSM-7' ? 153 : 67;
  return { encoding, segments, units, units_per_segment: segments > 1 ? concatenated : single };
}
