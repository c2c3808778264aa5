import { createTenant, TestTenant, useTestApi } from '@app/testing';

/**
 * DESIGN §3: a refusal names its field. A `varchar(n)` holds n code points, and a length check must count them so:
 * "❤️" is two (U+2764 U+FE0F), which validator.js counted as one, so 100 of them passed a 100-character check and
 * Postgres refused them with "A value is too long" and no field. An emoji beyond the BMP (two UTF-16 units) is one.
 */
const HEART = '\u2764\ufe0f';
const GRIN = '\u{1F600}';

describe('text lengths counted as Postgres counts them (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  }, 60_000);

  const routes = [
    {
      path: '/api/leads',
      list: '/api/leads',
      field: 'first_name',
      max: 100,
      body: { phone: '+447911123001' },
    },
    {
      path: '/api/campaigns',
      list: '/api/campaigns',
      field: 'name',
      max: 200,
      body: { steps: [{ type: 'SMS', content: 'Hi {{first_name}}' }] },
    },
    { path: '/api/api-keys', list: '/api/api-keys', field: 'name', max: 100, body: { role: 'agent' } },
  ];

  const countOf = async (list: string): Promise<unknown> => {
    const res = await api.http.get(list).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.meta?.total ?? (res.body.data as unknown[]).length;
  };

  it.each(routes)(
    '$path refuses $max "❤️" in $field (2 code points each) naming the field',
    async (route) => {
      const before = await countOf(route.list);
      const res = await api.http
        .post(route.path)
        .set(tenant.admin.headers)
        .send({ ...route.body, [route.field]: HEART.repeat(route.max) });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: route.field })]),
      );
      expect(await countOf(route.list)).toEqual(before);
    },
  );

  it.each(routes)('$path takes $max emoji beyond the BMP in $field, one code point each', async (route) => {
    const text = GRIN.repeat(route.max);
    const res = await api.http
      .post(route.path)
      .set(tenant.admin.headers)
      .send({ ...route.body, [route.field]: text });
    expect(res.status).toBe(201);
    expect(res.body.data[route.field]).toBe(text);
  });
});
