import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DOCS_PATH } from './common/http/security-headers';

/**
 * The OpenAPI document, generated from the controllers and the zod schemas of their bodies and
 * responses. The browser reaches the API through the web's origin under /api, hence the server.
 */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Lapata API')
    .setDescription(
      'Case tracker for families of missing and forcibly disappeared people. Every failure answers ' +
        '`{ "error": { "code", "message", "fields"?, "requestId" } }`.',
    )
    .setVersion('0.1.0')
    .addServer('/api')
    .build();
  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: `${DOCS_PATH.slice(1)}/openapi.json`,
    raw: ['json'],
    customSiteTitle: 'Lapata API',
    // The UI would otherwise send the document to validator.swagger.io.
    swaggerOptions: { validatorUrl: null },
  });
}
