import { csvCell, unguardCell } from './lead-csv';

describe('csvCell (OWASP CSV injection)', () => {
  it('prefixes text a spreadsheet would run as a formula, in every text column', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell('company', text)).toBe(`'${text}`);
    expect(csvCell('company', 'Acme')).toBe('Acme');
  });

  it('guards joined lists and JSON as it guards text: a tag can be a formula too', () => {
    expect(csvCell('tags', ['=HYPERLINK("http://evil","x")', 'vip'])).toBe(
      `'=HYPERLINK("http://evil","x"), vip`,
    );
    expect(csvCell('tags', ['vip', '=1'])).toBe('vip, =1');
    expect(csvCell('custom_fields', { a: 1 })).toBe('{"a":1}');
  });

  it('leaves phones and numbers as they are; dates in ISO-8601; nothing empty', () => {
    expect(csvCell('phone', '+447911123456')).toBe('+447911123456');
    expect(csvCell('score', -5)).toBe('-5');
  });

  it('guards a phone as written that starts with anything a formula starts with but "+"', () => {
    // The import and the API take "=+1 415 555 2671" (the number is read out of it) and keep the cell as written.
    for (const column of ['phone', 'phone_normalized'])
      for (const text of ['=+14155552671', '@14155552671', '-14155552671', '\t+1415'])
        expect(csvCell(column, text)).toBe(`'${text}`);
    expect(csvCell('phone', '+1 (415) 555-2671')).toBe('+1 (415) 555-2671');
    expect(csvCell('created_at', new Date('2026-12-01T10:00:00Z'))).toBe('2026-12-01T10:00:00.000Z');
    expect(csvCell('notes', null)).toBe('');
  });
});

describe('unguardCell', () => {
  it('takes the guard off what csvCell guarded, and nothing else', () => {
    for (const text of ['=1+1', '+1', '-john@example.com', '@SUM(A1)', '\tx', '\rx'])
      expect(unguardCell(csvCell('email', text))).toBe(text);
    expect(unguardCell("'quoted'")).toBe("'quoted'");
    expect(unguardCell("O'Neil")).toBe("O'Neil");
  });
});
