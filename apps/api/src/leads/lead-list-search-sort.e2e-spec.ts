import { createTenant, useTestApi } from '@app/testing';
import { type Lead, leadRequests, SQL_STRING } from './lead-requests.fixture';

describe('GET /api/leads: search and sort (e2e)', () => {
  const api = useTestApi();

  const { list, createLead, listIds, leadCount } = leadRequests(() => api);

  describe('GET /api/leads', () => {
    it('searches name, email, company and phone: every word must match, phone digits whatever the punctuation', async () => {
      const tenant = await createTenant(api.http);
      const jane = await createLead(tenant, {
        name: 'Jane Doe',
        email: 'jane.doe@acme.test',
        company: 'Acme Corp',
        phone: '+1 415 555 2671',
      });
      const john = await createLead(tenant, {
        name: 'John Smith',
        email: 'john@globex.test',
        company: 'Globex',
        phone: '+1 212 555 0100',
      });
      const maria = await createLead(tenant, {
        name: 'Maria Silva',
        email: 'maria@initech.test',
        company: 'Acme Labs',
        phone: '+351 912 345 678',
      });
      const liam = await createLead(tenant, {
        name: 'Liam Brown',
        email: 'liam@example.test',
        phone: '+44 7911 123456',
      });
      const other = await createTenant(api.http);
      await createLead(other, { name: 'Jane Doe', email: 'jane.doe@acme.test', phone: '+1 415 555 2671' });

      const cases: [string, string[]][] = [
        ['jane', [jane.id]],
        ['JANE', [jane.id]],
        ['doe', [jane.id]],
        ['acme', [maria.id, jane.id]],
        ['acme maria', [maria.id]],
        ['maria acme', [maria.id]],
        ['jane globex', []],
        ['globex.test', [john.id]],
        ['SMITH', [john.id]],
        ['acme corp', [jane.id]],
        ['(415) 555', [jane.id]],
        ['415-555-2671', [jane.id]],
        ['+14155552671', [jane.id]],
        ['555', [john.id, jane.id]],
        ['912 345', [maria.id]],
        ['john 212', [john.id]],
        // Digits inside a word of letters are no phone number: the address and the code, not every 2671 or 5552.
        ['jane.doe@acme.test', [jane.id]],
        ['acme-2671', []],
        ['x5552', []],
        // As written nationally, with its trunk 0.
        ['07911 123456', [liam.id]],
        ['07911-123456', [liam.id]],
        ['+447911123456', [liam.id]],
        ['%', []],
        ['_', []],
        [SQL_STRING, []],
      ];
      const answers = [];
      for (const [search] of cases) {
        answers.push([search, await listIds(tenant, `search=${encodeURIComponent(search)}`)]);
      }
      expect(answers).toEqual(cases);
      expect(await listIds(tenant, 'search=acme&limit=50')).toHaveLength(2);
      const paged = await list(tenant, 'search=acme&limit=1');
      expect(paged.body.meta).toEqual({ total: 2, limit: 1, offset: 0 });
      expect(paged.body.data.map((l: Lead) => l.id)).toEqual([maria.id]);
      expect(await leadCount(tenant.id)).toBe(4);
    });

    it('finds a lead by its number written in groups, as people write it and as its own phone shows it', async () => {
      const tenant = await createTenant(api.http);
      const london = await createLead(tenant, { phone: '+44 (0) 20 7946 0000' });
      const paris = await createLead(tenant, { phone: '+33 1 23 45 67 89' });
      const liam = await createLead(tenant, { name: 'Liam Brown', phone: '+44 7911 123456' });
      const cases: [string, string[]][] = [
        [london.phone as string, [london.id]],
        ['020 7946 0000', [london.id]],
        ['0044 20 7946 0000', [london.id]],
        ['01 23 45 67 89', [paris.id]],
        ['+33 (0)1 23 45 67 89', [paris.id]],
        ['+44 (0) 7911 123456', [liam.id]],
        ['+44(0)7911123456', [liam.id]],
        ['0044 7911 123456', [liam.id]],
        ['liam 07911', [liam.id]],
        ['liam 020', []],
        [' ', [liam.id, paris.id, london.id]],
      ];
      const answers = [];
      for (const [search] of cases) {
        answers.push([search, await listIds(tenant, `search=${encodeURIComponent(search)}`)]);
      }
      expect(answers).toEqual(cases);
    });

    it('sorts by score, name, company, value and created_at (camelCase too), with order and nulls last', async () => {
      const tenant = await createTenant(api.http);
      const s0 = await createLead(tenant, {
        name: 'Zoe Adams',
        email: 's0@example.com',
        company: 'Beta',
        score: 30,
        value: 100,
      });
      const s1 = await createLead(tenant, {
        name: 'Adam Young',
        email: 's1@example.com',
        company: 'Alpha',
        score: 70,
      });
      const s2 = await createLead(tenant, {
        name: 'Adam Baker',
        email: 's2@example.com',
        score: 50,
        value: 5000.5,
      });
      const s3 = await createLead(tenant, { email: 's3@example.com', company: 'Gamma', score: 0, value: 10 });
      const [a, b, c, d] = [s0.id, s1.id, s2.id, s3.id];
      const cases: [string, string[]][] = [
        ['', [d, c, b, a]],
        ['sort=score&order=asc', [d, a, c, b]],
        ['sort=score', [b, c, a, d]],
        ['sort=score&order=DESC', [b, c, a, d]],
        ['sort=name&order=asc', [c, b, a, d]],
        ['sort=name&order=desc', [a, b, c, d]],
        ['sort=company&order=asc', [b, a, d, c]],
        ['sort=value&order=desc', [c, a, d, b]],
        ['sort=value&order=asc', [d, a, c, b]],
        ['sort=createdAt&order=asc', [a, b, c, d]],
        ['sort=createdAt', [d, c, b, a]],
        ['sort=created_at&order=asc', [a, b, c, d]],
        ['sort=lastName&order=asc', [a, c, b, d]],
      ];
      const answers = [];
      for (const [query] of cases) answers.push([query, await listIds(tenant, query)]);
      expect(answers).toEqual(cases);
    });

    it('sorts names and companies alphabetically whatever their case', async () => {
      const tenant = await createTenant(api.http);
      const bob = await createLead(tenant, { name: 'Bob Young', email: 'bob@example.com', company: 'acme' });
      const alice = await createLead(tenant, {
        name: 'alice zed',
        email: 'alice@example.com',
        company: 'Zeta',
      });
      const carol = await createLead(tenant, {
        name: 'Carol Xu',
        email: 'carol@example.com',
        company: 'beta',
      });
      const alan = await createLead(tenant, {
        name: 'Alice Adams',
        email: 'alan@example.com',
        company: 'Abbott',
      });
      expect(await listIds(tenant, 'sort=name&order=asc')).toEqual([alan.id, alice.id, bob.id, carol.id]);
      expect(await listIds(tenant, 'sort=name&order=desc')).toEqual([carol.id, bob.id, alice.id, alan.id]);
      expect(await listIds(tenant, 'sort=last_name&order=asc')).toEqual([
        alan.id,
        carol.id,
        bob.id,
        alice.id,
      ]);
      expect(await listIds(tenant, 'sort=company&order=asc')).toEqual([alan.id, bob.id, carol.id, alice.id]);
    });

    it("accepts the alias table's camelCase query names (sortBy, sortOrder) like sort and order", async () => {
      const tenant = await createTenant(api.http);
      const low = await createLead(tenant, { email: 'low@example.com', score: 10 });
      const high = await createLead(tenant, { email: 'high@example.com', score: 90 });
      const mid = await createLead(tenant, { email: 'mid@example.com', score: 50 });
      expect(await listIds(tenant, 'sort=score&order=asc')).toEqual([low.id, mid.id, high.id]);
      expect(await listIds(tenant, 'sortBy=score&sortOrder=asc')).toEqual([low.id, mid.id, high.id]);
      expect(await listIds(tenant, 'sortBy=createdAt&sortOrder=desc')).toEqual([mid.id, high.id, low.id]);
    });
  });
});
