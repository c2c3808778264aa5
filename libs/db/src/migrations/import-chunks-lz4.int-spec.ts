import { createTenant, useTestApi } from '@app/testing';

/** An upload's chunks are stored compressed with lz4 (cheaper to write and read than pglz, as small). */
describe('migration: uploads are stored with lz4 (integration)', () => {
  const api = useTestApi();

  it('compresses a stored chunk of CSV with lz4', async () => {
    const tenant = await createTenant(api.http);
    const [{ id }] = (await api.db.query(
      `INSERT INTO lead_imports (tenant_id, status, columns, options, encoding, delimiter)
       VALUES ($1, 'queued', '[]', '{}', 'utf-8', ',') RETURNING id`,
      [tenant.id],
    )) as { id: string }[];
    const csv = Buffer.from('First Name,Phone\n' + 'Ann,+447911123456\n'.repeat(10_000));
    await api.db.query(
      `INSERT INTO lead_import_chunks (tenant_id, import_id, seq, data) VALUES ($1, $2, 0, $3)`,
      [tenant.id, id, csv],
    );
    const [stored] = (await api.db.query(
      `SELECT pg_column_compression(data) AS method, data = $3 AS same FROM lead_import_chunks
        WHERE tenant_id = $1 AND import_id = $2`,
      [tenant.id, id, csv],
    )) as { method: string; same: boolean }[];
    expect(stored).toEqual({ method: 'lz4', same: true });
  });
});
