/** The parts of an OpenAPI 3 document (as /api/docs-json serves it) that the tests read. */

export type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  example?: unknown;
  enum?: unknown[];
  format?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  required?: string[];
};
export type Media = Record<
  string,
  { schema?: Schema; example?: unknown; examples?: Record<string, { summary?: string; value?: unknown }> }
>;
export type Operation = {
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Media };
  responses?: Record<string, { description?: string; content?: Media }>;
};
export type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
};
