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

  it('reads a field sent in both spellings with the same value once', () => {
    expect(
      applyInputAliases({ first_name: 'Ana', firstName: 'Ana', leadIds: ['a'], lead_ids: ['a'] }),
    ).toEqual({
      first_name: 'Ana',
      lead_ids: ['a'],
    });
    // The same once renamed inside: targetFilter's leadIds is target_filter's lead_ids.
    expect(
      applyInputAliases({ targetFilter: { leadIds: ['a'] }, target_filter: { lead_ids: ['a'] } }),
    ).toEqual({
      target_filter: { lead_ids: ['a'] },
    });
  });

  it('refuses a field sent in both spellings with different values, naming each by its path', () => {
    const refusal = (value: unknown) => {
      try {
        applyInputAliases(value);
      } catch (err) {
        return err;
      }
      throw new Error('accepted');
    };
    expect(refusal({ user_message: 'one', userMessage: 'other' })).toMatchObject({
      code: 'VALIDATION_ERROR',
      message:
        'Invalid input: user_message and userMessage (its other spelling) have different values: send one',
      details: [
        {
          field: 'user_message',
          reason: 'and userMessage (its other spelling) have different values: send one',
        },
      ],
    });
    expect(
      refusal({
        leads: [{ first_name: 'A' }, { lastName: 'B', last_name: 'C' }],
        leadIds: ['a'],
        lead_ids: ['b'],
      }),
    ).toMatchObject({
      details: [
        { field: 'leads.1.last_name', reason: expect.stringContaining('have different values') },
        { field: 'lead_ids', reason: expect.stringContaining('have different values') },
      ],
    });
    // A value is not another spelling of itself: 1 and '1' differ, as do [] and null.
    expect(refusal({ maxTokens: 1, max_tokens: '1' })).toMatchObject({ details: [{ field: 'max_tokens' }] });
    expect(refusal({ leadIds: [], lead_ids: null })).toMatchObject({
      details: [{ field: 'lead_ids' }],
    });
  });

  it('does not compare inside free-form values, where nothing is renamed', () => {
    const body = { custom_fields: { firstName: 'a', first_name: 'b' } };
    expect(applyInputAliases(body)).toEqual(body);
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
  /** As the conversation DTOs read it: in any case, like lead and enrollment statuses. */
  const status = inputValue('conversation_status', { anyCase: true });

  it("reads the seeds' and Chatwoot's conversation statuses as ours, in any case", () => {
    expect(status({ value: 'active' })).toBe('open');
    expect(status({ value: 'resolved' })).toBe('closed');
    expect(status({ value: 'Resolved' })).toBe('closed');
    expect(status({ value: 'ACTIVE' })).toBe('open');
    expect(status({ value: 'Open' })).toBe('open');
  });

  it('leaves ours and anything else as sent (texts in lower case), for validation to judge', () => {
    for (const value of ['open', 'closed', 'pending', '', 3, null, undefined, ['active']])
      expect(status({ value })).toBe(value);
    expect(status({ value: 'toString' })).toBe('tostring');
    expect(status({ value: 'Snoozed' })).toBe('snoozed');
  });

  it('without anyCase, reads only the exact spelling', () => {
    const exact = inputValue('conversation_status');
    expect(exact({ value: 'resolved' })).toBe('closed');
    for (const value of ['Resolved', 'toString']) expect(exact({ value })).toBe(value);
  });

  it("with anyCase, reads a text in lower case first: seed 000's NEW, seed 001's calling in any case", () => {
    const enrollment = inputValue('enrollment_status', { anyCase: true });
    expect(enrollment({ value: 'calling' })).toBe('in_progress');
    expect(enrollment({ value: 'CALLING' })).toBe('in_progress');
    expect(enrollment({ value: 'NEW' })).toBe('new');
    expect(enrollment({ value: 'In_Progress' })).toBe('in_progress');
    // Unknown values stay unknown (in lower case) for validation to refuse; other types as sent.
    expect(enrollment({ value: 'BOGUS' })).toBe('bogus');
    expect(enrollment({ value: 'TOSTRING' })).toBe('tostring');
    for (const value of [3, null, undefined]) expect(enrollment({ value })).toBe(value);
    expect(inputValue('enrollment_status')({ value: 'CALLING' })).toBe('CALLING');
  });

  it('documents every alias of the vocabulary', () => {
    expect(inputValueAliasesDoc('conversation_status')).toMatch(/`active` as open, `resolved` as closed/);
  });
});
