import { countRows, createTenant, useTestApiAndWorker, UUID_PATTERN, waitFor } from '@app/testing';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { type Json, leadImportInputs, ukMobile } from './lead-import-inputs.fixture';

/** A file too large to import in the request is queued, run by the worker and reported live. */
describe('CSV import inputs: a large file queued to the worker (e2e)', () => {
  const { upload } = leadImportInputs();
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  describe('a large file: queued, run by the worker, reported live', () => {
    const { api: queuedApi } = useTestApiAndWorker({
      env: { IMPORT_INLINE_MAX_BYTES: '0', IMPORT_BATCH_ROWS: '40' },
    });

    function connect(token: string): Promise<Socket> {
      const socket = io(queuedApi.url, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }

    it('answers 202 queued; the worker completes it with the right results and events', async () => {
      const owner = await createTenant(queuedApi.http);
      const socket = await connect(owner.admin.token);
      const progress: Json[] = [];
      const created: Json[] = [];
      socket.on('import:progress', (p: Json) => progress.push(p));
      socket.on('lead.created', (p: Json) => created.push(p));
      await new Promise((r) => setTimeout(r, 100));

      const rows = Array.from({ length: 150 }, (_, i) => `Person ${i},q${i}@example.com,${ukMobile(i)}`);
      rows.push('Dup,q0@example.com,', 'Bad,not-an-email,');
      const csv = `Name,Email,Phone\n${rows.join('\n')}\n`;
      const res = await upload(owner.admin.headers, csv, { tags: 'bulk' }, {}, queuedApi);
      expect(res.status).toBe(202);
      expect(res.body.data).toMatchObject({
        import_id: expect.stringMatching(UUID_PATTERN),
        status: 'queued',
      });
      const importId = res.body.data.import_id as string;

      const done = await waitFor(
        async () => {
          const seen = await queuedApi.http.get(`/api/leads/imports/${importId}`).set(owner.admin.headers);
          return seen.body.data?.status === 'completed' ? (seen.body.data as Json) : undefined;
        },
        20_000,
        'the queued import to complete',
      );
      const results = {
        total: 152,
        valid: 150,
        invalid: 1,
        duplicates: 1,
        dnc: 0,
        inserted: 150,
        updated: 0,
      };
      expect(done).toMatchObject({
        import_id: importId,
        progress: { processed: 152 },
        results,
        errors: [{ row: 152, field: 'email', value: 'not-an-email', error: expect.any(String) }],
        error_count: 1,
      });
      const leadsDb = queuedApi.app.get(DataSource);
      expect(await countRows(leadsDb, 'leads', 'tenant_id = $1', [owner.id])).toBe(150);
      expect(await countRows(leadsDb, 'lead_import_chunks', 'import_id = $1', [importId])).toBe(0);

      await waitFor(
        () => (progress.some((p) => p.status === 'completed') ? true : undefined),
        10_000,
        'the completed import:progress event',
      );
      expect(progress.every((p) => p.import_id === importId)).toBe(true);
      expect(progress.filter((p) => p.status === 'running').length).toBeGreaterThanOrEqual(2);
      expect(progress[progress.length - 1]).toMatchObject({
        import_id: importId,
        status: 'completed',
        results,
      });
      const processed = progress.map((p) => p.processed as number);
      expect(processed).toEqual([...processed].sort((x, y) => x - y));

      await waitFor(
        () => (created.reduce((n, p) => n + (p.count as number), 0) >= 150 ? true : undefined),
        10_000,
        'lead.created events for 150 leads',
      );
      expect(created.every((p) => p.import_id === importId)).toBe(true);
      expect(created.reduce((n, p) => n + (p.count as number), 0)).toBe(150);
      expect((created[0].leads as Json[])[0]).toMatchObject({ name: 'Person 0', email: 'q0@example.com' });
    });
  });
});
