import { mapColumns, normalizeHeader } from './header-mapping';

describe('header mapping', () => {
  it('recognises the usual spellings without a mapping', () => {
    const { columns, errors } = mapColumns([
      'Phone Number',
      'Mobile',
      'First Name',
      'E-mail',
      'Surname',
      'Company Name',
      'Job Title',
    ]);
    expect(errors).toEqual([]);
    expect(columns).toEqual([
      { kind: 'field', field: 'phone', header: 'Phone Number' },
      { kind: 'custom', key: 'Mobile' },
      { kind: 'field', field: 'first_name', header: 'First Name' },
      { kind: 'field', field: 'email', header: 'E-mail' },
      { kind: 'field', field: 'last_name', header: 'Surname' },
      { kind: 'field', field: 'company', header: 'Company Name' },
      { kind: 'field', field: 'position', header: 'Job Title' },
    ]);
  });

  it.each([
    [
      'a HubSpot export',
      ['First Name', 'Last Name', 'Mobile Phone Number', 'Company Name', 'Job Title'],
      { 'Mobile Phone Number': 'phone' },
    ],
    [
      'an Outlook export',
      ['First Name', 'Last Name', 'Business Phone', 'Mobile Phone', 'E-mail Address'],
      { 'Business Phone': 'phone', 'Mobile Phone': null, 'E-mail Address': 'email' },
    ],
    [
      'a Google Contacts export',
      [
        'Given Name',
        'Family Name',
        'E-mail 1 - Type',
        'E-mail 1 - Value',
        'Phone 1 - Type',
        'Phone 1 - Value',
      ],
      { 'E-mail 1 - Value': 'email', 'Phone 1 - Value': 'phone', 'Phone 1 - Type': null },
    ],
    [
      'a Google Contacts export with an organisation',
      ['Name', 'E-mail 1 - Value', 'Organization 1 - Name', 'Organization 1 - Title'],
      { 'Organization 1 - Name': 'company', 'Organization 1 - Title': 'position' },
    ],
    [
      'a Salesforce report',
      ['Name', 'Company / Account', 'Mobile', 'Email'],
      { 'Company / Account': 'company' },
    ],
    [
      "seed 001's freight leads (a lead's type)",
      ['Phone Number', 'Type', 'Lead Type'],
      { Type: 'type', 'Lead Type': null },
    ],
    ['a lead type column', ['Email', 'Lead Type'], { 'Lead Type': 'type' }],
    [
      'a hand-made sheet',
      ['Contact Number', 'Work Email', 'Cell Number'],
      { 'Contact Number': 'phone', 'Work Email': 'email', 'Cell Number': null },
    ],
  ])('recognises the columns of %s', (_what, headers, expected) => {
    const { columns, errors } = mapColumns(headers);
    expect(errors).toEqual([]);
    for (const [header, field] of Object.entries(expected)) {
      const column = columns[headers.indexOf(header)];
      // null: a later column for a field an earlier one took stays a custom field, as the user named it.
      expect(column).toEqual(field ? { kind: 'field', field, header } : { kind: 'custom', key: header });
    }
  });

  it('keeps columns that map to nothing as custom fields, and ignores nameless ones', () => {
    expect(mapColumns(['email', 'Favourite colour', '']).columns).toEqual([
      { kind: 'field', field: 'email', header: 'email' },
      { kind: 'custom', key: 'Favourite colour' },
      { kind: 'ignore' },
    ]);
  });

  it('lets the mapping win, including ignore and custom_fields.<key>', () => {
    const { columns, errors } = mapColumns(['Tel', 'Cell', 'Ref', 'Junk'], {
      Cell: 'phone',
      Tel: 'custom_fields.office_phone',
      Ref: 'source',
      Junk: 'ignore',
    });
    expect(errors).toEqual([]);
    expect(columns).toEqual([
      { kind: 'custom', key: 'office_phone' },
      { kind: 'field', field: 'phone', header: 'Cell' },
      { kind: 'field', field: 'source', header: 'Ref' },
      { kind: 'ignore' },
    ]);
  });

  it('gives a mapped column its field even when an earlier column is recognised by an alias for it', () => {
    const { columns, errors } = mapColumns(['Mobile', 'Work Phone', 'Email', 'E-mail 2'], {
      'Work Phone': 'phone',
      'E-mail 2': 'email',
    });
    expect(errors).toEqual([]);
    expect(columns).toEqual([
      { kind: 'custom', key: 'Mobile' },
      { kind: 'field', field: 'phone', header: 'Work Phone' },
      { kind: 'custom', key: 'Email' },
      { kind: 'field', field: 'email', header: 'E-mail 2' },
    ]);
    // Two columns mapped to one field: the first keeps it.
    expect(mapColumns(['A', 'B'], { A: 'phone', B: 'phone' }).columns).toEqual([
      { kind: 'field', field: 'phone', header: 'A' },
      { kind: 'custom', key: 'B' },
    ]);
  });

  it('refuses a mapping to an unknown field, listing the valid ones, and one naming a missing column', () => {
    const { errors } = mapColumns(['Phone', 'Mail'], { Mail: 'e_mail', Fax: 'phone' });
    expect(errors).toEqual([
      {
        field: 'field_mapping.Mail',
        reason: expect.stringMatching(
          /^maps to unknown field "e_mail" \(valid fields: name, first_name, .*, custom_fields\.<name>, ignore\)$/,
        ),
      },
      { field: 'field_mapping.Fax', reason: 'names a column the file does not have' },
    ]);
  });

  it.each([
    ['E-Mail Address ', 'e mail address'],
    ['Téléphone', 'telephone'],
    ['PHONE_NUMBER', 'phone number'],
  ])('normalises %j to %j', (header, normalized) => expect(normalizeHeader(header)).toBe(normalized));
});
