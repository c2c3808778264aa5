import { useTestApi } from '@app/testing';
import type { Media, OpenApi, Operation, Schema } from './openapi-document';

/**
 * DESIGN §3 "Every route is in the OpenAPI document with its DTOs, examples, auth and error responses", and
 * issue 2 item 9: Swagger UI at /api/docs, JSON at /api/docs-json, bearer and API-key auth declared.
 */

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const PUBLIC = new Set([
  'POST /api/auth/login',
  'POST /api/auth/register',
  'POST /api/auth/refresh',
  'GET /api/health',
  'GET /api/health/ready',
]);
/** The public routes that are never rate limited. */
const PROBES = new Set(['GET /api/health', 'GET /api/health/ready']);

/** The routes issue 2 asks for (DESIGN §5, Auth, Users, API keys, Tenant, Admin and system). */
const ISSUE_2_PATHS = [
  '/api/auth/register',
  '/api/auth/login',
  '/api/auth/me',
  '/api/auth/verify',
  '/api/auth/logout',
  '/api/auth/refresh',
  '/api/users',
  '/api/users/{id}',
  '/api/api-keys',
  '/api/api-keys/{id}',
  '/api/tenant',
  '/api/health',
  '/api/health/ready',
  '/api/admin/health',
  '/api/admin/queues',
  '/api/system/status',
  '/api/system/activity',
];

/** Downloads documented as files rather than the JSON envelope (a message's file: any type, as it came). */
const FILE_TYPES = ['text/csv', 'application/pdf', 'application/octet-stream', 'audio/mpeg', 'audio/wav'];

describe('OpenAPI document and Swagger UI (e2e)', () => {
  const api = useTestApi();
  let doc: OpenApi;
  let operations: { key: string; path: string; method: string; op: Operation }[];

  beforeAll(async () => {
    const res = await api.http.get('/api/docs-json');
    doc = res.body;
    operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })),
    );
  });

  /** Follows one local $ref (#/components/schemas/X). */
  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (!schema?.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    return doc.components.schemas[name];
  };

  const jsonSchema = (content: Media | undefined): Schema | undefined =>
    resolve(content?.['application/json']?.schema);

  /** operation key -> what it lacks, for every operation that lacks something. */
  const gaps = (check: (o: { key: string; path: string; method: string; op: Operation }) => string[]) =>
    Object.fromEntries(operations.map((o) => [o.key, check(o)]).filter(([, missing]) => missing.length));

  describe('serving', () => {
    it('GET /api/docs-json answers the OpenAPI document itself, not an envelope', async () => {
      const res = await api.http.get('/api/docs-json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.info).toMatchObject({ title: 'Reachline API', version: expect.any(String) });
      expect(res.body).not.toHaveProperty('success');
      expect(res.body).not.toHaveProperty('data');
      expect(Object.keys(res.body.paths).length).toBeGreaterThan(0);
    });

    it('GET /api/docs serves the Swagger UI HTML', async () => {
      const res = await api.http.get('/api/docs');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<title>Swagger UI</title>');
      expect(res.text).toMatch(/swagger-ui/);
    });

    it('its assets are served too, the init script carrying the same document', async () => {
      const css = await api.http.get('/api/docs/swagger-ui.css');
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      const init = await api.http.get('/api/docs/swagger-ui-init.js');
      expect(init.status).toBe(200);
      expect(init.text).toContain('"title": "Reachline API"');
      expect(init.text).toContain('"/api/auth/login"');
    });
  });

  describe('security schemes', () => {
    it('declares bearer (http bearer) and api-key (header X-API-Key)', () => {
      expect(doc.components.securitySchemes).toEqual({
        bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
        'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      });
    });

    it('register takes a bearer token but does not need one (a new tenant registers without)', () => {
      const security = doc.paths['/api/auth/register'].post.security ?? [];
      expect(security).toEqual(expect.arrayContaining([{}, { bearer: [] }]));
      expect(security).toHaveLength(2);
    });
  });

  describe('paths', () => {
    it('include every route of issue 2', () => {
      const paths = Object.keys(doc.paths);
      const missing = ISSUE_2_PATHS.filter((p) => !paths.includes(p));
      expect(missing).toEqual([]);
    });

    it('have the methods issue 2 names', () => {
      const has = (method: string, path: string) => Boolean(doc.paths[path]?.[method]);
      const expected: [string, string][] = [
        ['post', '/api/auth/register'],
        ['post', '/api/auth/login'],
        ['get', '/api/auth/me'],
        ['get', '/api/auth/verify'],
        ['post', '/api/auth/logout'],
        ['post', '/api/auth/refresh'],
        ['get', '/api/users'],
        ['post', '/api/users'],
        ['get', '/api/users/{id}'],
        ['patch', '/api/users/{id}'],
        ['delete', '/api/users/{id}'],
        ['get', '/api/api-keys'],
        ['post', '/api/api-keys'],
        ['delete', '/api/api-keys/{id}'],
        ['get', '/api/tenant'],
        ['patch', '/api/tenant'],
        ['get', '/api/health'],
        ['get', '/api/health/ready'],
        ['get', '/api/admin/health'],
        ['get', '/api/admin/queues'],
        ['get', '/api/system/status'],
        ['get', '/api/system/activity'],
      ];
      expect(expected.filter(([m, p]) => !has(m, p)).map(([m, p]) => `${m.toUpperCase()} ${p}`)).toEqual([]);
    });

    it('are all under /api (webhooks are not part of the client API document)', () => {
      expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
    });
  });

  describe('every operation', () => {
    it('has a summary', () => {
      expect(operations.length).toBeGreaterThanOrEqual(ISSUE_2_PATHS.length);
      expect(gaps(({ op }) => (op.summary?.trim() ? [] : ['summary']))).toEqual({});
    });

    it('documents a 2xx answer whose JSON schema is the { success, data } envelope', () => {
      expect(
        gaps(({ op }) => {
          const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
          if (!ok.length) return ['a 2xx response'];
          // A file download (CSV, PDF) is its own body; everything else answers the JSON envelope.
          const file = ok.every(([, r]) =>
            Object.keys(r.content ?? {}).every((type) => FILE_TYPES.includes(type)),
          );
          const envelope = ok.some(([, r]) => {
            const schema = jsonSchema(r.content);
            return Boolean(schema?.properties?.success && schema.properties.data);
          });
          if (file && ok.some(([, r]) => FILE_TYPES.some((type) => r.content?.[type]))) return [];
          return envelope ? [] : ['a 2xx JSON schema with success and data'];
        }),
      ).toEqual({});
    });

    it('that is not public lists bearer and api-key security and documents 401 and 429', () => {
      expect(
        gaps(({ key, op }) => {
          if (PUBLIC.has(key)) return [];
          const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
          return [
            ...(schemes.includes('bearer') ? [] : ['security bearer']),
            ...(schemes.includes('api-key') ? [] : ['security api-key']),
            ...(op.responses?.['401'] ? [] : ['401']),
            ...(op.responses?.['429'] ? [] : ['429']),
          ];
        }),
      ).toEqual({});
    });

    it('that is public still documents 429 (credential routes are rate limited too), but the health probes, never limited', () => {
      expect(
        gaps(({ key, op }) =>
          PUBLIC.has(key) && Boolean(op.responses?.['429']) === PROBES.has(key)
            ? [PROBES.has(key) ? 'no 429' : '429']
            : [],
        ),
      ).toEqual({});
    });

    it('with a request body documents 400; with path parameters documents 404', () => {
      expect(
        gaps(({ op }) => {
          const missing: string[] = [];
          if (op.requestBody && !op.responses?.['400']) missing.push('400 (has a request body)');
          if ((op.parameters ?? []).some((p) => p.in === 'path') && !op.responses?.['404'])
            missing.push('404 (has path parameters)');
          return missing;
        }),
      ).toEqual({});
    });

    it('with a query string documents 400', () => {
      expect(
        gaps(({ op }) =>
          (op.parameters ?? []).some((p) => p.in === 'query') && !op.responses?.['400']
            ? ['400 (has query parameters)']
            : [],
        ),
      ).toEqual({});
    });

    it('with a request body documents its JSON (or multipart form) schema as a DTO', () => {
      expect(
        gaps(({ op }) => {
          if (!op.requestBody) return [];
          const content = op.requestBody.content ?? {};
          const schema = (content['application/json'] ?? content['multipart/form-data'])?.schema as
            (Schema & { oneOf?: (Schema & { items?: Schema })[] }) | undefined;
          // A DTO, or (POST /api/leads: one or many) a oneOf of a DTO and an array of it.
          const refs = schema?.oneOf ? schema.oneOf.map((s) => s.$ref ?? s.items?.$ref) : [schema?.$ref];
          const ok = refs.length > 0 && refs.every((ref) => ref && resolve({ $ref: ref }));
          return ok ? [] : ['a JSON or multipart request body $ref to a component schema'];
        }),
      ).toEqual({});
    });

    it('documents every error answer as { success, error } with an example code matching its status', () => {
      const statusOf: Record<string, string> = {
        VALIDATION_ERROR: '400',
        AUTHENTICATION_REQUIRED: '401',
        AUTHORIZATION_FAILED: '403',
        NOT_FOUND: '404',
        CONFLICT: '409',
        PAYLOAD_TOO_LARGE: '413',
        UNSUPPORTED_MEDIA_TYPE: '415',
        RANGE_NOT_SATISFIABLE: '416',
        POLICY_VIOLATION: '422',
        RATE_LIMIT_EXCEEDED: '429',
        INTERNAL_ERROR: '500',
        SERVICE_UNAVAILABLE: '503',
      };
      expect(
        gaps(({ op }) =>
          Object.entries(op.responses ?? {})
            .filter(([status]) => /^[45]\d\d$/.test(status))
            .flatMap(([status, r]) => {
              const schema = jsonSchema(r.content);
              const error = resolve(schema?.properties?.error);
              const code = error?.properties?.code?.example;
              if (!schema?.properties?.success || !error) return [`${status}: { success, error } schema`];
              if (typeof code !== 'string') return [`${status}: an example error code`];
              if (statusOf[code] !== status)
                return [`${status}: example code ${code} belongs to another status`];
              return error.properties?.message?.example ? [] : [`${status}: an example message`];
            }),
        ),
      ).toEqual({});
    });

    it('documents the 429 details as the API answers them ({ limit, retry_after_seconds })', () => {
      const documented = new Set(
        operations
          .map(({ op }) => jsonSchema(op.responses?.['429']?.content))
          .filter((schema): schema is Schema => Boolean(schema))
          .map((schema) => {
            const details = resolve(schema.properties?.error)?.properties?.details?.example;
            return details && typeof details === 'object' ? Object.keys(details).sort().join(',') : '';
          }),
      );
      expect([...documented]).toEqual(['limit,retry_after_seconds']);
    });
  });

  describe('component schemas', () => {
    it('every $ref in the document resolves', () => {
      const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
      const unresolved = [...new Set(refs.map((r) => r.slice(8, -1)))].filter(
        (ref) => !ref.startsWith('#/components/schemas/') || !resolve({ $ref: ref }),
      );
      expect(unresolved).toEqual([]);
    });

    it('every property has an example, an enum, a format, a $ref, items or is an object', () => {
      const missing = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
        Object.entries(schema.properties ?? {})
          .filter(
            ([, p]) =>
              p.example === undefined &&
              !p.enum &&
              !p.format &&
              !p.$ref &&
              !p.items &&
              !p.allOf &&
              !p.oneOf &&
              !p.anyOf &&
              p.type !== 'object',
          )
          .map(([prop]) => `${name}.${prop}`),
      );
      expect(missing).toEqual([]);
    });

    it('types every property: an object is a free-form map or has properties, never a scalar reflection lost', () => {
      // A `string | null` property documented without `type` was reflected as `type: object`: generated clients
      // and validators read "Jane" as an object.
      const vague = (p: Schema & { additionalProperties?: unknown }) =>
        p.type === 'object' &&
        !p.properties &&
        p.additionalProperties === undefined &&
        !p.allOf &&
        !p.oneOf &&
        !p.anyOf &&
        !p.$ref;
      const lost = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
        Object.entries(schema.properties ?? {})
          .filter(([, p]) => vague(p) || (p.items !== undefined && vague(p.items)))
          .map(([prop]) => `${name}.${prop}`),
      );
      expect(lost).toEqual([]);
      expect(doc.components.schemas.LeadDto.properties?.first_name).toMatchObject({
        type: 'string',
        nullable: true,
      });
    });

    it('every property name is snake_case', () => {
      const camel = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
        Object.keys(schema.properties ?? {})
          .filter((p) => /[A-Z]/.test(p))
          .map((p) => `${name}.${p}`),
      );
      expect(camel).toEqual([]);
    });

    it('the list envelope documents meta { total, limit, offset }', () => {
      const list = doc.paths['/api/users'].get.responses?.['200'];
      const schema = jsonSchema(list?.content);
      expect(schema?.properties?.data).toMatchObject({ type: 'array' });
      expect(Object.keys(resolve(schema?.properties?.meta)?.properties ?? {}).sort()).toEqual([
        'limit',
        'offset',
        'total',
      ]);
    });
  });
});
