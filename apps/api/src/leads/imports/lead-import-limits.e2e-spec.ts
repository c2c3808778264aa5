import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { request } from 'node:http';
import { DataSource } from 'typeorm';

/**
 * What one API process lets uploads hold (IMPORT_UPLOADS_AT_ONCE=1, IMPORT_UPLOAD_IDLE_MS=1500 here): each upload
 * keeps a database connection in its transaction until its last byte, so one more than the limit is refused (503)
 * while it lasts, and one that stops sending is dropped (400) and rolled back, freeing its place.
 */
describe('upload limits of one API process (e2e)', () => {
  const api = useTestApi({ env: { IMPORT_UPLOADS_AT_ONCE: '1', IMPORT_UPLOAD_IDLE_MS: '1500' } });
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const db = () => api.app.get(DataSource);
  const csv = (from: number) => Buffer.from(`Phone,First Name\n+447911${300000 + from},Lead${from}\n`);
  const upload = (file: Buffer) =>
    api.http
      .post('/api/leads/import')
      .set(t.admin.headers)
      .attach('file', file, { filename: 'leads.csv', contentType: 'text/csv' });

  /** An upload that sends its file's first line and then nothing: resolves with the answer it gets. */
  function stalled(): Promise<{ status: number; body: Record<string, unknown> }> {
    const boundary = 'reachline-stalled';
    const head = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="slow.csv"',
      'Content-Type: text/csv',
      '',
      'Phone,First Name\n+447911399999,Slow\n',
    ].join('\r\n');
    return new Promise((resolve, reject) => {
      const req = request(
        `${api.url}/api/leads/import`,
        {
          method: 'POST',
          headers: {
            ...t.admin.headers,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(head.length + 10_000),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
            req.destroy();
          });
        },
      );
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      req.write(head);
    });
  }

  /** Waits until the server holds an open transaction for an upload (its connection idle in it). */
  async function receiving(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const [{ n }] = await db().query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'idle in transaction' AND query ILIKE '%lead_imports%'`,
      );
      if (n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the stalled upload never began');
  }

  const imports = async () =>
    (await db().query(`SELECT status FROM lead_imports WHERE tenant_id = $1`, [t.id])) as {
      status: string;
    }[];

  it('one upload more than the limit is refused (503) while another is received; a stalled one is dropped (400) and leaves nothing', async () => {
    const slow = stalled();
    await receiving();
    const refused = await upload(csv(1));
    expect({ status: refused.status, error: refused.body.error }).toEqual({
      status: 503,
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: expect.stringMatching(/as many uploads as it can/),
        details: { retry_after_seconds: 5 },
      },
    });
    expect(refused.headers['retry-after']).toBe('5');

    const dropped = await slow;
    expect(dropped.status).toBe(400);
    expect(dropped.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'file', reason: 'stopped arriving: nothing came for 1.5 s' }],
    });
    // Neither left an import behind.
    expect(await imports()).toEqual([]);

    // The place is free again.
    const taken = await upload(csv(2));
    expect(taken.status).toBe(200);
    expect(await imports()).toEqual([{ status: 'completed' }]);
  });
});
