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
