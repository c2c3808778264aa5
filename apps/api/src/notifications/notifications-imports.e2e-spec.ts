import { ImportRunner } from '@app/domain';
import {
  connectLiveClient,
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  TestApi,
  TestTenant,
  TestUser,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * A lead import finished or failed: the user who uploaded it is told (type system), in the transaction that ends
 * the import, and live. Every upload is queued here (IMPORT_INLINE_MAX_BYTES=0) and run as the worker runs it.
 */
describe('notifications of lead imports (e2e)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let manager: TestUser;
  let socket: Socket | undefined;

  beforeAll(async () => {
    api = await createTestApi({ env: { IMPORT_INLINE_MAX_BYTES: '0' } });
    tenant = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
  });
  afterAll(async () => {
    socket?.disconnect();
    await api?.close();
  });

  const upload = async (headers: Record<string, string>) => {
    const res = await api.http
      .post('/api/leads/import')
      .set(headers)
      .field('default_country', 'US')
      .attach('file', Buffer.from('email,first_name\na@example.com,Ann\nnot-an-email,Bob\n'), {
        filename: 'leads.csv',
        contentType: 'text/csv',
      });
    expect(res.status).toBe(202);
    return res.body.data.import_id as string;
  };
  const systemOf = async (user: TestUser) =>
    (await api.http.get('/api/notifications?type=system').set(user.headers)).body.data;

  it('tells the uploader that their import completed, with its counts, live; nobody else', async () => {
    const client = await connectLiveClient(api.url, manager.token);
    socket = client.socket;
    const importId = await upload(manager.headers);
    expect(await systemOf(manager)).toEqual([]);
    await api.app.get(ImportRunner).run(tenant.id, importId);

    const [told] = await systemOf(manager);
    expect(told).toMatchObject({
      type: 'system',
      title: 'Lead import completed',
      message: 'Your import finished: 1 created, 0 updated, 1 invalid',
      data: { import_id: importId, status: 'completed', results: { total: 2, inserted: 1, invalid: 1 } },
      status: 'unread',
    });
    await waitFor(async () => client.heard.some((h) => h.event === 'notification'));
    expect(client.heard.filter((h) => h.event === 'notification').map((h) => h.payload.id)).toEqual([
      told.id,
    ]);
    expect(await systemOf(tenant.admin)).toEqual([]);
  });

  it('tells the uploader that their import failed, with the reason', async () => {
    const importId = await upload(manager.headers);
    expect(
      await api.app.get(ImportRunner).fail(tenant.id, importId, 'The file could not be read'),
    ).toMatchObject({
      error: 'The file could not be read',
    });
    // This import's: the test clock may give it the same time as the last test's, so the list's order ties.
    const told = (await systemOf(manager)).find(
      (n: { data: { import_id: string } }) => n.data.import_id === importId,
    );
    expect(told).toMatchObject({
      title: 'Lead import failed',
      message:
        'Your import failed (0 created, 0 updated, 0 invalid before it stopped): The file could not be read',
      data: { import_id: importId, status: 'failed', error: 'The file could not be read' },
    });
    // Failing it again (a second process's last attempt) finds it failed already and tells no one twice.
    expect(await api.app.get(ImportRunner).fail(tenant.id, importId, 'again')).toBeNull();
    expect(
      (await systemOf(manager)).filter((n: { data: { import_id: string } }) => n.data.import_id === importId),
    ).toHaveLength(1);
  });

  it("an API key's import tells no one", async () => {
    const key = await createApiKey(api.http, tenant, 'manager');
    const importId = await upload({ 'X-API-Key': key.key });
    await api.app.get(ImportRunner).run(tenant.id, importId);
    const rows = await api.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND data->>'import_id' = $2`,
        [tenant.id, importId],
      );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
