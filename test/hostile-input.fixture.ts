/**
 * Requests built from the OpenAPI document: for each operation, a body made of its schema's examples, and the same
 * request with one value at a time replaced by something a careless or hostile client sends.
 */

import type { OpenApi, Operation, Schema } from './openapi-document';

export type { OpenApi };

export interface Route {
  method: string;
  path: string;
  op: Operation;
}

/** A value where a field's value goes, and what it is. */
export interface Hostile {
  what: string;
  value: unknown;
}

/** A list holding a list ... `depth` deep. */
function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** For top-level body fields: wrong types, edge numbers, NUL bytes, impossible dates, sizes, depth. */
export const FIELD_VALUES: Hostile[] = [
  { what: 'a list nested 2,000 deep', value: nested(2000) },
  { what: 'a NUL byte', value: 'a\u0000b' },
  { what: 'a 20,000-character string', value: 'x'.repeat(20_000) },
  { what: 'a lone surrogate', value: '\ud800' },
  { what: '-1', value: -1 },
  { what: '1e308', value: 1e308 },
  { what: '1.5', value: 1.5 },
  { what: 'true', value: true },
  { what: 'an object', value: { $gt: '' } },
  { what: 'an array of a NUL string', value: ['\u0000'] },
  { what: 'null', value: null },
  { what: 'an impossible date', value: '2026-02-30T25:61:00Z' },
  { what: 'an empty string', value: '' },
];

/** For fields nested in arrays and objects of the body: fewer, the commonest faults. */
export const NESTED_VALUES: Hostile[] = [
  { what: 'a NUL byte', value: 'a\u0000b' },
  { what: '1e308', value: 1e308 },
  { what: 'an object', value: { $gt: '' } },
  { what: 'null', value: null },
  { what: 'an array', value: [1, 'a'] },
];

/** For query parameters, as a client writes them in the URL. */
export const QUERY_VALUES: Hostile[] = [
  { what: 'a NUL byte', value: '%00' },
  { what: 'a 5,000-character string', value: 'x'.repeat(5_000) },
  { what: '-1', value: '-1' },
  { what: '1e400', value: '1e400' },
  { what: 'beyond bigint', value: '99999999999999999999' },
  { what: 'not a UUID', value: 'not-a-uuid' },
  { what: 'an impossible date', value: '2026-02-30' },
  { what: 'a broken percent escape', value: '%E0%A4%A' },
];

/** For path parameters. */
export const PATH_VALUES: Hostile[] = [
  { what: 'not a UUID', value: 'not-a-uuid' },
  { what: 'a NUL byte', value: '%00' },
  { what: 'a UUID of nothing', value: '00000000-0000-4000-8000-000000000000' },
  { what: 'a 2,000-character id', value: 'a'.repeat(2_000) },
];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function routesOf(doc: OpenApi): Route[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ method, path, op })),
  );
}

export function schemaResolver(doc: OpenApi) {
  const resolve = (schema: Schema | undefined, depth = 0): Schema | undefined => {
    if (!schema || depth > 8) return undefined;
    if (schema.$ref)
      return resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], depth + 1);
    if (schema.allOf?.length) {
      const parts = schema.allOf.map((s) => resolve(s, depth + 1) ?? {});
      return {
        ...schema,
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), schema.properties ?? {}),
      };
    }
    const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0];
    return alternative ? resolve(alternative, depth + 1) : schema;
  };
  return resolve;
}

/** A plain value of each string format the document uses. */
const STRING_FORMATS: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000000',
  email: 'someone@example.com',
  'date-time': '2026-12-01T10:00:00.000Z',
  date: '2026-12-01',
  uri: 'https://example.com/',
};

/** A value of `schema` made of its examples (or a plain value of its type and format). */
export function exampleOf(
  schema: Schema | undefined,
  resolve: ReturnType<typeof schemaResolver>,
  depth = 0,
): unknown {
  const s = resolve(schema);
  if (!s || depth > 6) return undefined;
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.properties) {
    return Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, exampleOf(v, resolve, depth + 1)]),
    );
  }
  switch (s.type) {
    case 'array':
      return [exampleOf(s.items, resolve, depth + 1)].filter((v) => v !== undefined);
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      return STRING_FORMATS[s.format ?? ''] ?? 'text';
    default:
      return undefined;
  }
}

/** Every path to a leaf of `value` below its top level (`steps.0.options.media_urls.0`, ...). */
export function nestedLeaves(
  value: unknown,
  prefix: (string | number)[] = [],
  depth = 0,
): (string | number)[][] {
  if (depth > 5 || value === null || typeof value !== 'object') return depth > 1 ? [prefix] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const inner = entries.flatMap(([k, v]) => nestedLeaves(v, [...prefix, k], depth + 1));
  return depth > 1 ? [prefix, ...inner] : inner;
}

/** `value` with the thing at `path` replaced (a deep copy). */
export function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]] = by;
  return copy;
}

/** The JSON body schema of an operation, if it takes one. */
export function jsonBodySchema(op: Operation): Schema | undefined {
  return op.requestBody?.content?.['application/json']?.schema;
}

/**
 * The request bodies an operation documents: its named examples, else its one example, else one made of its
 * schema's property examples. `[name, body]`.
 */
export function requestExamples(
  op: Operation,
  resolve: ReturnType<typeof schemaResolver>,
): [string, unknown][] {
  const media = op.requestBody?.content?.['application/json'];
  if (!media) return [];
  if (media.examples && Object.keys(media.examples).length)
    return Object.entries(media.examples).map(([name, e]) => [`example ${name}`, e.value]);
  if (media.example !== undefined) return [['the example', media.example]];
  return [["the schema's examples", exampleOf(media.schema, resolve)]];
}
