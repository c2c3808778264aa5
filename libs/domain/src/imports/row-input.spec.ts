import { mapColumns } from './header-mapping';
import { rowToLeadInput } from './row-input';

const { columns } = mapColumns([
  'Name',
  'Email',
  'Phone',
  'Value',
  'Priority',
  'Status',
  'Tags',
  'Country',
  'Timezone',
  'Plan',
]);

describe('rowToLeadInput', () => {
  it('turns cells into the lead input the API takes', () => {
    const row = [
      'Jane Doe',
      'jane@example.com',
      '(415) 555-2671',
      '$1,234.50',
      'HIGH',
      'Qualified',
      'vip; q4 |b2b',
      'us',
      'America/New_York',
      'gold',
    ];
    expect(rowToLeadInput(row, columns)).toEqual({
      input: {
        name: 'Jane Doe',
        email: 'jane@example.com',
        phone: '(415) 555-2671',
        value: 1234.5,
        priority: 'high',
        status: 'qualified',
        tags: ['vip', 'q4', 'b2b'],
        country: 'US',
        timezone: 'America/New_York',
        custom_fields: { Plan: 'gold' },
      },
      errors: [],
    });
  });

  it("reads back what an export wrote: the formula guard's apostrophe is taken off", () => {
    const row = ["'-Jane", "'-jane@b.io", '', '', '', '', '', '', '', "'=1+1"];
    expect(rowToLeadInput(row, columns).input).toMatchObject({
      email: '-jane@b.io',
      custom_fields: { Plan: '=1+1' },
    });
    // An apostrophe before anything else is the cell's own.
    expect(
      rowToLeadInput(['', "'quoted'@b.io", '', '', '', '', '', '', '', "O'Neil"], columns).input,
    ).toMatchObject({ email: "'quoted'@b.io", custom_fields: { Plan: "O'Neil" } });
  });

  it('reads European amounts and leaves empty cells out', () => {
    const row = ['', 'a@b.io', '', '1.234,50', '', '', '', '', '', ''];
    expect(rowToLeadInput(row, columns)).toEqual({ input: { email: 'a@b.io', value: 1234.5 }, errors: [] });
  });

  /** The value of a row whose only cells are an email and `amount`. */
  const valueOf = (amount: string) => {
    const { input, errors } = rowToLeadInput(['', 'a@b.io', '', amount], columns);
    return errors.length ? errors : input.value;
  };

  it.each([
    ['$5,000', 5000],
    ['10,000', 10000],
    ['1,234,567', 1234567],
    ['$1,234,567.89', 1234567.89],
    ['1.234.567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['€ 10.000', 10000],
    ['1 234 567', 1234567],
    // A lone separator before exactly three digits groups thousands, a comma or a dot alike.
    ['1,234', 1234],
    ['1.234', 1234],
    ['$1,234.50', 1234.5],
    ['1.234,50', 1234.5],
    ['12,5', 12.5],
    ['12,50', 12.5],
    ['1.5', 1.5],
    ['0,125', 0.13],
    ['1234,567', 1234.57],
    ['5000', 5000],
  ])('reads the amount %j as %d', (amount, value) => expect(valueOf(amount)).toBe(value));

  it.each(['1,2,3', '1,234,56', '12,34,567', '1.234.56', ',500', '-5,000'])(
    'refuses %j as an amount',
    (amount) => expect(valueOf(amount)).toEqual([{ field: 'value', reason: 'is not an amount' }]),
  );

  it('keeps a status or priority of another CRM as a custom field under its header, the row still good', () => {
    const row = ['Ann', 'ann@b.io', '', '', 'Hot', 'Open - Not Contacted', '', '', '', 'gold'];
    expect(rowToLeadInput(row, columns)).toEqual({
      input: {
        name: 'Ann',
        email: 'ann@b.io',
        custom_fields: { Priority: 'Hot', Status: 'Open - Not Contacted', Plan: 'gold' },
      },
      errors: [],
    });
    // A column mapped by hand keeps its own name; an import stored before columns carried theirs, the field's.
    const mapped = mapColumns(['Mail', 'Lead Status'], { 'Lead Status': 'status' }).columns;
    expect(rowToLeadInput(['a@b.io', 'Working'], mapped).input).toEqual({
      email: 'a@b.io',
      custom_fields: { 'Lead Status': 'Working' },
    });
    const stored = [
      { kind: 'field', field: 'email' },
      { kind: 'field', field: 'status' },
    ] as const;
    expect(rowToLeadInput(['a@b.io', 'Working'], [...stored]).input).toEqual({
      email: 'a@b.io',
      custom_fields: { status: 'Working' },
    });
  });

  it.each([
    ['america/new_york', 'America/New_York'],
    ['ASIA/KOLKATA', 'Asia/Kolkata'],
    ['US/Pacific', 'America/Los_Angeles'],
  ])('stores the time zone %s in its canonical spelling %s', (typed, canonical) => {
    const row = ['', 'a@b.io', '', '', '', '', '', '', typed, ''];
    expect(rowToLeadInput(row, columns)).toEqual({
      input: { email: 'a@b.io', timezone: canonical },
      errors: [],
    });
  });

  it('reports each bad cell by field', () => {
    const row = ['X', 'x@y.io', '', 'lots', 'urgent', 'won', '', 'Atlantis', 'Mars/Base', 'y'.repeat(10_001)];
    expect(rowToLeadInput(row, columns).errors).toEqual([
      { field: 'value', reason: 'is not an amount' },
      {
        field: 'country',
        reason: 'is not an ISO 3166-1 alpha-2 country code nor the English name of a country',
      },
      { field: 'timezone', reason: 'is not an IANA time zone' },
      { field: 'custom_fields.Plan', reason: 'is longer than 10000 characters' },
    ]);
  });

  it.each([
    ['Portugal', 'PT'],
    ['United States', 'US'],
    ['united states of america', 'US'],
    ['The Netherlands', 'NL'],
    ["Côte d'Ivoire", 'CI'],
    ['United Kingdom', 'GB'],
    [' de ', 'DE'],
    ['UK', 'GB'],
    ['u.k.', 'GB'],
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['U.S.A.', 'US'],
  ])('reads the country %j as %s', (country, code) => {
    const row = ['', 'a@b.io', '', '', '', '', '', country];
    expect(rowToLeadInput(row, columns)).toEqual({ input: { email: 'a@b.io', country: code }, errors: [] });
  });

  it.each(['constructor', 'U.S.S.R.', 'UKR land'])('keeps %j a country error', (country) => {
    const row = ['', 'a@b.io', '', '', '', '', '', country];
    expect(rowToLeadInput(row, columns).errors).toEqual([
      {
        field: 'country',
        reason: 'is not an ISO 3166-1 alpha-2 country code nor the English name of a country',
      },
    ]);
  });

  it('tolerates short rows and ignores cells beyond the header', () => {
    expect(rowToLeadInput(['Bob'], columns)).toEqual({ input: { name: 'Bob' }, errors: [] });
    expect(rowToLeadInput(['Bob', 'b@c.io', '', '', '', '', '', '', '', '', 'extra'], columns).input).toEqual(
      { name: 'Bob', email: 'b@c.io' },
    );
  });
});
