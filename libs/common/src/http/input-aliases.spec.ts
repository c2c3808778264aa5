import { applyInputAliases, INPUT_ALIASES, inputValue, inputValueAliasesDoc } from './input-aliases';

describe('applyInputAliases', () => {
  it('renames the seeds camelCase spellings to ours', () => {
    expect(
      applyInputAliases({
        subjectLine: 'Hi',
        followUpIntervalDays: 3,
        leadIds: ['a'],
        clinicName: 'Test Clinic',
      }),
    ).toEqual({
      subject_line: 'Hi',
      follow_up_interval_days: 3,
      lead_ids: ['a'],
      tenant: 'Test Clinic',
    });
  });

  it('renames inside nested objects and arrays', () => {
    expect(applyInputAliases({ leads: [{ firstName: 'A' }, { lastName: 'B' }] })).toEqual({
      leads: [{ first_name: 'A' }, { last_name: 'B' }],
    });
  });

  it('keeps the canonical key when both spellings are sent', () => {
    expect(applyInputAliases({ first_name: 'canonical', firstName: 'alias' })).toEqual({
      first_name: 'canonical',
    });
  });

  it('never renames inside free-form values (custom fields, settings)', () => {
    const body = { custom_fields: { firstName: 'kept' }, settings: { leadIds: 1 } };
    expect(applyInputAliases(body)).toEqual(body);
  });

  it('renames in query objects built the way Fastify builds them', () => {
    const query = Object.create(Object.create(null)) as Record<string, string>;
    query.sortBy = 'score';
    query.sortOrder = 'asc';
    expect(applyInputAliases(query)).toEqual({ sort: 'score', order: 'asc' });
  });

  it('leaves unknown keys, primitives and non-plain objects alone', () => {
    const date = new Date(0);
    expect(applyInputAliases({ someField: 1, at: date })).toEqual({ someField: 1, at: date });
    expect(applyInputAliases('text')).toBe('text');
    expect(applyInputAliases(null)).toBeNull();
  });

  it('maps every alias to a snake_case name', () => {
    for (const canonical of Object.values(INPUT_ALIASES)) expect(canonical).toMatch(/^[a-z_]+$/);
  });
});

describe('inputValue', () => {
  const status = inputValue('conversation_status');

  it("reads the seeds' and Chatwoot's conversation statuses as ours", () => {
    expect(status({ value: 'active' })).toBe('open');
    expect(status({ value: 'resolved' })).toBe('closed');
  });

  it('leaves ours and anything else as sent, for validation to judge', () => {
    for (const value of [
      'open',
      'closed',
      'pending',
      'Resolved',
      'toString',
      '',
      3,
      null,
      undefined,
      ['active'],
    ])
      expect(status({ value })).toBe(value);
  });

  it('documents every alias of the vocabulary', () => {
    expect(inputValueAliasesDoc('conversation_status')).toMatch(/`active` as open, `resolved` as closed/);
  });
});
