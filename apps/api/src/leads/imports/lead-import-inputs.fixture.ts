import { countRows, createTenant, TestApi, TestTenant, useTestApi } from '@app/testing';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

/**
 * CSV import inputs (DESIGN §3: "bad input never costs data"; import key shapes): every refused upload answers
 * the error envelope and leaves no import, no stored chunk and no lead behind; odd but valid files (delimiters,
 * encodings, quoted newlines, aliases, mappings) import what they hold; duplicates, do-not-contact entries and
 * concurrent imports of the same people never make a second lead. The lead-import-* specs of these inputs share
 * this setup.
 */

export type Json = Record<string, unknown>;
export type Headers = Record<string, string>;
export type Lead = Json & { id: string };

export interface UploadOptions {
  /** The route: /api/leads/import unless told. */
  path?: string;
  filename?: string;
  contentType?: string;
}

/** Big enough that every file of these suites (the 1 MB cell too) is imported during the request. */
const INLINE_MAX_BYTES = String(8 * 1024 * 1024);

export const SQL_STRING = "Robert'); DROP TABLE leads;--";
export const SCRIPT_STRING = '<script>alert(1)</script>';

/** `n` valid UK mobile numbers, +447911100000 upwards. */
export const ukMobile = (i: number) => `+447911${String(100000 + i)}`;

/** What an import can leave behind in a tenant when it stores nothing. */
export const NOTHING = { imports: 0, chunks: 0, errors: 0, leads: 0, identities: 0 };

export const details = (res: Response) => res.body.error.details as { field: string; reason: string }[];

/** The API (imports up to 8 MB run in the request) and a fresh tenant before each test. */
export interface ImportInputsState {
  api: TestApi;
  db: DataSource;
  tenant: TestTenant;
}

/**
 * Starts the API for the file's tests and makes a fresh tenant before each one, handing both to `use` before each
 * test; answers the import requests of that API and tenant. Call it in the file's describe block.
 */
export function leadImportInputs(use: (state: ImportInputsState) => void = () => {}) {
  const api = useTestApi({ env: { IMPORT_INLINE_MAX_BYTES: INLINE_MAX_BYTES } });
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant(api.http);
    use({ api, db: api.db, tenant });
  });

  /** POST a multipart import: the form fields first, then the file. */
  function upload(
    headers: Headers,
    csv: string | Buffer,
    fields: Json = {},
    options: UploadOptions = {},
    on: TestApi = api,
  ) {
    let req = on.http.post(options.path ?? '/api/leads/import').set(headers);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, String(v));
    return req.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), {
      filename: options.filename ?? 'leads.csv',
      contentType: options.contentType ?? 'text/csv',
    });
  }

  /** An import that must have completed during the request: its data. */
  async function imported(csv: string | Buffer, fields: Json = {}, options: UploadOptions = {}) {
    const res = await upload(tenant.admin.headers, csv, fields, options);
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(res.body)}`);
    expect(res.body.data.status).toBe('completed');
    return res.body.data as Json & {
      import_id: string;
      results: Record<string, number>;
      errors: Json[];
    };
  }

  /** What an import can leave behind in a tenant: imports, stored chunks, row errors, leads and identities. */
  async function stored(tenantId: string) {
    const where = 'tenant_id = $1';
    return {
      imports: await countRows(api.db, 'lead_imports', where, [tenantId]),
      chunks: await countRows(api.db, 'lead_import_chunks', where, [tenantId]),
      errors: await countRows(api.db, 'lead_import_errors', where, [tenantId]),
      leads: await countRows(api.db, 'leads', where, [tenantId]),
      identities: await countRows(api.db, 'lead_identities', where, [tenantId]),
    };
  }

  /** The tenant's leads, oldest first. */
  async function leadsOf(who: TestTenant = tenant): Promise<Lead[]> {
    const res = await api.http.get('/api/leads?limit=100&sort=created_at&order=asc').set(who.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as Lead[];
  }

  async function getLead(id: string, headers: Headers = tenant.admin.headers): Promise<Lead> {
    const res = await api.http.get(`/api/leads/${id}`).set(headers);
    expect(res.status).toBe(200);
    return res.body.data as Lead;
  }

  async function createLead(body: Json): Promise<Lead> {
    const res = await api.http.post('/api/leads').set(tenant.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`create lead answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data as Lead;
  }

  return { upload, imported, stored, leadsOf, getLead, createLead };
}
