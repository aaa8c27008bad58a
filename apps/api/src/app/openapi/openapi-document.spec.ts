import SwaggerParser from '@apidevtools/swagger-parser';
import type { RestRoute } from '@supchat/contracts';
import { HTTP_STATUS_BY_ERROR_CODE, MessageSchema, REST_ROUTES } from '@supchat/contracts';
import { z } from 'zod';
import { BEARER_AUTH, buildOpenApiDocument, OPENAPI_VERSION, toOpenApiPath } from './openapi-document';
import type {
  HttpMethodKey,
  JsonSchema,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
} from './openapi.types';

const HTTP_METHODS: readonly HttpMethodKey[] = ['get', 'put', 'post', 'delete', 'patch'];

function operation(document: OpenApiDocument, method: string, path: string): OperationObject {
  const found = document.paths[toOpenApiPath(path)]?.[method.toLowerCase() as HttpMethodKey];
  if (!found) throw new Error(`${method} ${path} is not in the document`);
  return found;
}

function parameters(op: OperationObject, location: 'path' | 'query'): ParameterObject[] {
  return (op.parameters ?? []).filter((parameter) => parameter.in === location);
}

function response(op: OperationObject, status: number): ResponseObject {
  const found = op.responses[String(status)];
  if (!found) throw new Error(`no ${status} response`);
  return found;
}

function jsonSchemaOf(target: ResponseObject | RequestBodyObject | undefined): JsonSchema | undefined {
  return target?.content?.['application/json']?.schema;
}

/** Keys of a zod object schema, and whether a request may leave each out (optional or defaulted). */
function fieldsOf(schema: z.ZodType): { name: string; required: boolean }[] {
  const shape = (schema as z.ZodObject).shape;
  return Object.entries(shape).map(([name, field]) => ({
    name,
    required: !(field as z.ZodType).safeParse(undefined).success,
  }));
}

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument(REST_ROUTES, { title: 'SUPCHAT API', version: 'test' }, [
    { url: 'https://chat.example.test' },
  ]);

  it('is a valid OpenAPI 3.1 document (checked by swagger-parser) that survives JSON', async () => {
    expect(document.openapi).toBe(OPENAPI_VERSION);
    expect(document.servers).toEqual([{ url: 'https://chat.example.test' }]);
    expect(JSON.parse(JSON.stringify(document))).toStrictEqual(document);
    // validate() dereferences in place: hand it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('lists exactly the route table and the three health probes', () => {
    const listed = Object.entries(document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(
      [
        ...REST_ROUTES.map((route) => `${route.method} ${toOpenApiPath(route.path)}`),
        'GET /health',
        'GET /health/live',
        'GET /health/ready',
      ].sort(),
    );
    const operationIds = listed.map((entry) => {
      const [method = '', path = ''] = entry.split(' ');
      return operation(document, method, path).operationId;
    });
    expect(new Set(operationIds).size).toBe(listed.length);
  });

  describe.each(REST_ROUTES.map((route): [string, RestRoute] => [`${route.method} ${route.path}`, route]))(
    '%s',
    (_name, route) => {
      const op = operation(document, route.method, route.path);

      it('has its summary, tag and security', () => {
        expect(op.summary).toBe(route.summary);
        expect(op.tags).toEqual([route.tag]);
        if (route.authenticated) expect(op.security).toEqual([{ [BEARER_AUTH]: [] }]);
        else expect(op.security).toBeUndefined();
      });

      it('declares every path parameter, required and typed', () => {
        const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
        const declared = parameters(op, 'path');
        expect(declared.map((parameter) => parameter.name)).toEqual(names);
        for (const parameter of declared) {
          expect(parameter.required).toBe(true);
          expect(parameter.schema.type).toBe('string');
        }
      });

      it('declares the query parameters of its schema, required only when they have no default', () => {
        const expected = route.query ? fieldsOf(route.query) : [];
        expect(
          parameters(op, 'query').map((parameter) => ({
            name: parameter.name,
            required: parameter.required,
          })),
        ).toEqual(expected);
      });

      it('takes a JSON body exactly when the route has one', () => {
        const body = op.requestBody;
        if (!route.body) {
          expect(body).toBeUndefined();
          return;
        }
        expect(body?.required).toBe(true);
        const schema = jsonSchemaOf(body) ?? {};
        expect(schema.type).toBe('object');
        const required = fieldsOf(route.body)
          .filter((field) => field.required)
          .map((field) => field.name);
        expect([...(schema.required ?? [])].sort()).toEqual(required.sort());
      });

      it('answers its success statuses, and each error code with the ErrorBody under its status', () => {
        const errorStatuses = [...new Set([...route.errors, 'INTERNAL' as const])].map(
          (code) => HTTP_STATUS_BY_ERROR_CODE[code],
        );
        expect(Object.keys(op.responses).sort()).toEqual(
          [...new Set([...route.responses.map((r) => r.status), ...errorStatuses])].map(String).sort(),
        );
        for (const success of route.responses) {
          expect(response(op, success.status).description).toBe(success.description);
          expect(Boolean(jsonSchemaOf(response(op, success.status)))).toBe(Boolean(success.schema));
        }
        for (const code of [...route.errors, 'INTERNAL' as const]) {
          const error = response(op, HTTP_STATUS_BY_ERROR_CODE[code]);
          expect(jsonSchemaOf(error)).toEqual({ $ref: '#/components/schemas/ErrorBody' });
          expect(error.description).toContain(code);
          const example = error.content?.['application/json']?.examples?.[code];
          expect(example?.value).toMatchObject({ code, statusCode: HTTP_STATUS_BY_ERROR_CODE[code] });
        }
      });
    },
  );

  it('documents the health probes, public, with the terminus body on 200 and 503', () => {
    for (const path of ['/health', '/health/live', '/health/ready']) {
      const op = operation(document, 'GET', path);
      expect(op.security).toBeUndefined();
      expect(Object.keys(op.responses)).toEqual(['200', '503']);
      for (const status of [200, 503]) {
        expect(jsonSchemaOf(response(op, status))).toEqual({
          $ref: '#/components/schemas/HealthCheckResult',
        });
      }
    }
    expect(document.components.schemas['HealthCheckResult']?.required).toEqual(['status', 'details']);
  });

  it('names the shared shapes as components and refers to them by $ref', () => {
    const schemas = document.components.schemas;
    for (const name of ['ErrorBody', 'User', 'UserSummary', 'Channel', 'Message', 'AuthResponse']) {
      expect(schemas[name]).toMatchObject({ type: 'object' });
    }
    expect(jsonSchemaOf(response(operation(document, 'GET', '/api/users/me'), 200))).toEqual({
      $ref: '#/components/schemas/User',
    });
    expect(jsonSchemaOf(response(operation(document, 'GET', '/api/channels'), 200))).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Channel' },
    });
    const message = schemas['Message'];
    expect(message?.properties?.['author']).toEqual({ $ref: '#/components/schemas/UserSummary' });
    expect([...(message?.required ?? [])].sort()).toEqual(Object.keys(MessageSchema.shape).sort());
    expect(document.components.securitySchemes[BEARER_AUTH]).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    );
  });

  it('describes requests on their input side and lets responses gain fields', () => {
    const limit = parameters(operation(document, 'GET', '/api/users'), 'query').find(
      (p) => p.name === 'limit',
    );
    expect(limit?.schema).toMatchObject({ type: 'integer', default: expect.any(Number) });

    const register = jsonSchemaOf(operation(document, 'POST', '/api/auth/register').requestBody);
    expect(register?.additionalProperties).toBe(false);
    expect(register?.required).toEqual(['email', 'username', 'password']);

    expect(document.components.schemas['Channel']).not.toHaveProperty('additionalProperties');
  });

  it('copes with transforms, pipes, refinements and types JSON Schema cannot express', async () => {
    const route: RestRoute = {
      method: 'POST',
      path: '/api/things/:thingId/parts/:partId',
      summary: 'A made-up route with awkward schemas',
      tag: 'channels',
      authenticated: true,
      params: z.strictObject({ thingId: z.string().transform((id) => id.toUpperCase()) }),
      query: z
        .object({ at: z.coerce.date().optional(), n: z.coerce.number().pipe(z.number().int()) })
        .refine((query) => query.n > 0),
      body: z
        .strictObject({
          name: z
            .string()
            .trim()
            .transform((name) => name.split(',')),
          when: z.date(),
          size: z.bigint(),
          anything: z.custom<Buffer>((value) => Buffer.isBuffer(value)),
        })
        .refine((body) => body.name.length > 0),
      responses: [
        {
          status: 200,
          description: 'Done',
          schema: z.object({ at: z.date(), total: z.string().transform(Number) }),
        },
      ],
      errors: ['VALIDATION_FAILED', 'RATE_LIMITED', 'UNAUTHORIZED'],
    };
    const built = buildOpenApiDocument([route]);
    await expect(SwaggerParser.validate(structuredClone(built) as never)).resolves.toBeDefined();

    const op = operation(built, route.method, route.path);
    expect(parameters(op, 'path')).toEqual([
      expect.objectContaining({ name: 'thingId', required: true, schema: { type: 'string' } }),
      // Not in the params schema: still declared, as the path template requires.
      expect.objectContaining({ name: 'partId', required: true, schema: { type: 'string' } }),
    ]);
    expect(parameters(op, 'query').map((parameter) => [parameter.name, parameter.required])).toEqual([
      ['at', false],
      ['n', true],
    ]);
    expect(response(op, 429).headers).toHaveProperty('Retry-After');
  });

  it('refuses a params schema whose field is not in the path', () => {
    const route: RestRoute = {
      method: 'GET',
      path: '/api/things/:id',
      summary: 'Mismatched params',
      tag: 'channels',
      authenticated: true,
      params: z.strictObject({ thingId: z.string() }),
      responses: [{ status: 204, description: 'Done' }],
      errors: [],
    };
    expect(() => buildOpenApiDocument([route])).toThrow(/"thingId", which is not in the path/);
  });
});
