import { SegmentedMessage } from 'sms-segments-calculator';
import { countSmsSegments } from './sms-segments';

const segments = (text: string) => countSmsSegments(text).segments;

describe('countSmsSegments', () => {
  it('counts GSM-7 at 160 for one segment and 153 per segment after', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      segments: 1,
      units: 160,
      units_per_segment: 160,
    });
    expect(countSmsSegments('a'.repeat(161))).toEqual({
      encoding: 'GSM-7',
      segments: 2,
      units: 161,
      units_per_segment: 153,
    });
    expect(segments('a'.repeat(306))).toBe(2);
    expect(segments('a'.repeat(307))).toBe(3);
    expect(segments('a'.repeat(459))).toBe(3);
    expect(segments('a'.repeat(460))).toBe(4);
  });

  it('counts the GSM-7 extension table double', () => {
    expect(countSmsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSmsSegments('€'.repeat(81))).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 162 });
    expect(countSmsSegments('{}[]~^|\\')).toMatchObject({ encoding: 'GSM-7', units: 16 });
    expect(countSmsSegments('a'.repeat(159) + '€').segments).toBe(2);
  });

  it('keeps GSM-7 for the accented letters of the basic table', () => {
    expect(countSmsSegments('Café à Málaga? ¿Señor Müller!')).toMatchObject({ encoding: 'UCS-2' });
    expect(countSmsSegments('Café à Zürich, Señor Müller')).toMatchObject({ encoding: 'GSM-7' });
  });

  it('switches to UCS-2 at 70 for one segment and 67 per segment after', () => {
    expect(countSmsSegments('ж'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      segments: 1,
      units: 70,
      units_per_segment: 70,
    });
    expect(countSmsSegments('ж'.repeat(71))).toEqual({
      encoding: 'UCS-2',
      segments: 2,
      units: 71,
      units_per_segment: 67,
    });
    expect(segments('ж'.repeat(134))).toBe(2);
    expect(segments('ж'.repeat(135))).toBe(3);
    expect(segments('hello ' + 'ж')).toBe(1);
  });

  it('counts a surrogate pair (emoji) as two UCS-2 units', () => {
    expect(countSmsSegments('😀'.repeat(35))).toMatchObject({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(countSmsSegments('😀'.repeat(36))).toMatchObject({ encoding: 'UCS-2', segments: 2, units: 72 });
    expect(countSmsSegments('Hi 👋')).toMatchObject({ encoding: 'UCS-2', units: 5 });
  });

  it('counts nothing for an empty text', () => {
    expect(countSmsSegments('')).toEqual({
      encoding: 'GSM-7',
      segments: 0,
      units: 0,
      units_per_segment: 160,
    });
  });
});

describe('countSmsSegments on texts of the basic table only', () => {
  const BASIC =
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  const OTHERS = '€{}[]~^|\\áíóúжé😀\u00a0\t';

  it('counts as Twilio’s calculator does, for any mix and length', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 400; i++) {
      const length = [2, 70, 153, 159, 160, 161, 306, 307, 500][i % 9] + random(3) - 1;
      const pool = i % 4 === 0 ? BASIC + OTHERS : BASIC;
      const text = Array.from({ length }, () => pool[random(pool.length)]).join('');
      const message = new SegmentedMessage(text, 'auto', false);
      expect(countSmsSegments(text)).toMatchObject({
        encoding: message.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7',
        segments: message.segmentsCount,
        units: message.encodedChars.reduce((sum, char) => sum + char.codeUnits.length, 0),
      });
    }
  });
});
