import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Reachline API')
    .setDescription(
      [
        'Multi-tenant backend for AI-assisted outreach.',
        'Every answer is `{ success, data }` (lists add `meta: { total, limit, offset }`); every error is',
        "`{ success: false, error: { code, message, details } }`. Field names are snake_case; the seeds' camelCase",
        'spellings are accepted on input (a field sent in both with different values is a 400 VALIDATION_ERROR).',
        'Authenticate with a bearer JWT from /api/auth/login, or an API key.',
      ].join(' '),
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or API key' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /api/docs and the document at /api/docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), {
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
