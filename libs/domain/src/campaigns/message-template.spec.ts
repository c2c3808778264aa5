import {
  bareCustomFields,
  malformedPlaceholders,
  renderTemplate,
  templateFields,
  unclosedPlaceholders,
} from './message-template';

describe('campaign message templates', () => {
  const lead = {
    first_name: 'Sara',
    last_name: 'Ahmed',
    company: 'ABC Corp',
    custom_fields: { industry: 'Dental', seats: 12, 'Company Size': '11-50' },
  };

  it('fills lead fields, seed 002 camelCase spellings and custom fields', () => {
    expect(renderTemplate('Hi {{first_name}} at {{company}}', lead)).toBe('Hi Sara at ABC Corp');
    expect(renderTemplate('Hi {{firstName}} {{ lastName }}', lead)).toBe('Hi Sara Ahmed');
    expect(renderTemplate('{{name}}: {{industry}} / {{custom_fields.seats}}', lead)).toBe(
      'Sara Ahmed: Dental / 12',
    );
  });

  it('uses the default when the value is empty or missing', () => {
    expect(renderTemplate('Hi {{first_name|there}}', { first_name: '  ' })).toBe('Hi there');
    expect(renderTemplate('Hi {{ first_name | there }}!', {})).toBe('Hi there!');
    expect(renderTemplate('At {{company}}.', {})).toBe('At .');
  });

  it("fills {{type}} from the lead's type, a lead field and not a custom one to check", () => {
    expect(renderTemplate('As a {{type|partner}}', { type: 'carrier' })).toBe('As a carrier');
    expect(renderTemplate('As a {{ type | partner }}', { type: null })).toBe('As a partner');
    expect(templateFields('{{type}}')).toEqual([{ kind: 'lead', name: 'type' }]);
    expect(bareCustomFields('{{type|partner}} {{custom_fields.type}}')).toEqual([]);
  });

  it('lists the fields a template names, and the bare custom ones to check', () => {
    const text = 'Hi {{firstName}} {{first_name}} {{industry|x}} {{custom.size}} {{custom_fields.role}}';
    expect(templateFields(text)).toEqual([
      { kind: 'lead', name: 'first_name' },
      { kind: 'custom', name: 'industry' },
      { kind: 'custom', name: 'size' },
      { kind: 'custom', name: 'role' },
    ]);
    expect(bareCustomFields(text)).toEqual(['industry']);
  });

  it('reads a custom field whose name holds spaces (an imported header as written)', () => {
    expect(renderTemplate('For a {{Company Size}} team ({{ custom_fields.Company Size | any }})', lead)).toBe(
      'For a 11-50 team (11-50)',
    );
    expect(bareCustomFields('{{Company Size}} {{ first name }}')).toEqual(['Company Size', 'first name']);
  });

  it('finds what is written as a placeholder but names no field', () => {
    expect(malformedPlaceholders('Hi {{}} {{ 2nd line }} {{first_name}} {{!}} {{Company Size|x}}')).toEqual([
      '{{}}',
      '{{ 2nd line }}',
      '{{!}}',
    ]);
    expect(malformedPlaceholders('Hi {{first_name|there}}, {single} braces')).toEqual([]);
  });

  it('finds a placeholder opened and never closed', () => {
    expect(unclosedPlaceholders('Hi {{first_name')).toEqual(['{{first_name']);
    expect(unclosedPlaceholders('Hi {{first_name}, and {{company|you} too {{')).toEqual([
      '{{first_name},',
      '{{company|you}',
      '{{',
    ]);
    expect(unclosedPlaceholders('{{a{{first_name}}')).toEqual(['{{a']);
    expect(unclosedPlaceholders('Hi {{first_name|there}}, {{{company}}} {single} braces }}')).toEqual([]);
  });

  it('writes a list custom field as its items and an object one as empty (its default), never [object Object]', () => {
    const custom = { custom_fields: { langs: ['en', 'pt'], address: { city: 'Porto' }, none: [] } };
    expect(renderTemplate('Speaks {{langs}}; from {{address|your town}}; {{none|-}}', custom)).toBe(
      'Speaks en, pt; from your town; -',
    );
  });

  it('leaves text without placeholders alone', () => {
    expect(renderTemplate('Welcome aboard! {not a field}', lead)).toBe('Welcome aboard! {not a field}');
  });
});
