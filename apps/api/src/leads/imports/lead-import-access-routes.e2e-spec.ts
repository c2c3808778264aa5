import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  TestApi,
  TestTenant,
  UUID_PATTERN,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { leadImportInputs, NOTHING } from './lead-import-inputs.fixture';

/** Who may see and start an import, and the routes other than POST /api/leads/import that take one. */
describe('CSV import inputs: who may import, and the POST /api/leads routes (e2e)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const { upload, imported, stored, leadsOf } = leadImportInputs((s) => ({ api, tenant } = s));

  describe('who may see and start an import', () => {
    it("answers 404 for another tenant's import and for an id that is not a UUID", async () => {
      const data = await imported('Email\na@example.com\n');
      const other = await createTenant(api.http);
      expectError(
        await api.http.get(`/api/leads/imports/${data.import_id}`).set(other.admin.headers),
        404,
        'NOT_FOUND',
      );
      expectError(
        await api.http.get(`/api/leads/imports/${randomUUID()}`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
      );
      for (const bad of ['not-a-uuid', '123', `${data.import_id}x`, "1' OR '1'='1"]) {
        const res = await api.http
          .get(`/api/leads/imports/${encodeURIComponent(bad)}`)
          .set(tenant.admin.headers);
        expect({ bad, status: res.status, code: res.body.error?.code }).toEqual({
          bad,
          status: 404,
          code: 'NOT_FOUND',
        });
      }
      // The owner still sees it, and the other tenant got no lead out of it.
      expect(
        (await api.http.get(`/api/leads/imports/${data.import_id}`).set(tenant.admin.headers)).status,
      ).toBe(200);
      expect(await stored(other.id)).toEqual(NOTHING);
    });

    it('lets an agent read an import but not start one (403 on every import route), storing nothing', async () => {
      const data = await imported('Email\na@example.com\n');
      const agent = await createUser(api.http, tenant, 'agent');
      const seen = await api.http.get(`/api/leads/imports/${data.import_id}`).set(agent.headers);
      expect(seen.status).toBe(200);
      expect(seen.body.data).toMatchObject({ import_id: data.import_id, status: 'completed' });

      const before = await stored(tenant.id);
      for (const path of ['/api/leads/import', '/api/leads/upload', '/api/leads']) {
        const res = await upload(agent.headers, 'Email\nagent@example.com\n', {}, { path });
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          status: 403,
          code: 'AUTHORIZATION_FAILED',
        });
      }
      expect(await stored(tenant.id)).toEqual(before);
      expect(before).toMatchObject({ imports: 1, leads: 1 });
    });

    it('lets a manager import', async () => {
      const manager = await createUser(api.http, tenant, 'manager');
      const res = await upload(manager.headers, 'Email\nm@example.com\n');
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ inserted: 1 });
    });

    it('answers 401 without a token and stores nothing', async () => {
      const res = await upload({}, 'Email\nanon@example.com\n');
      expectError(res, 401, 'AUTHENTICATION_REQUIRED');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });
  });

  describe('POST /api/leads with a multipart CSV (seed 002)', () => {
    it('imports exactly as POST /api/leads/import: 200 with results', async () => {
      const data = await imported(
        'Name,Email\nSeed Two,seed2@example.com\nBad,nope\n',
        {},
        { path: '/api/leads' },
      );
      expect(data).toMatchObject({
        import_id: expect.stringMatching(UUID_PATTERN),
        status: 'completed',
        results: { total: 2, inserted: 1, invalid: 1 },
        errors: [{ row: 2, field: 'email', value: 'nope', error: expect.any(String) }],
      });
      const seen = await api.http.get(`/api/leads/imports/${data.import_id}`).set(tenant.admin.headers);
      expect(seen.body.data).toEqual(data);
      expect((await leadsOf()).map((l) => l.email)).toEqual(['seed2@example.com']);
    });

    it('imports through the POST /api/leads/upload alias', async () => {
      const data = await imported('Email\nalias@example.com\n', {}, { path: '/api/leads/upload' });
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
    });

    it('refuses a multipart POST /api/leads without a file like the import route, storing nothing', async () => {
      const res = await api.http.post('/api/leads').set(tenant.admin.headers).field('on_duplicate', 'skip');
      expectValidation(res, ['file']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });
  });
});
