import type { ErrorBody, ErrorCode, RestResponse, RestRoute } from '@supchat/contracts';
import {
  AttachmentSchema,
  AuthResponseSchema,
  ChangesPageSchema,
  ChannelMemberSchema,
  ChannelSchema,
  ErrorBodySchema,
  HTTP_STATUS_BY_ERROR_CODE,
  MessageDeletedSchema,
  MessagePageSchema,
  MessageSchema,
  ReactionSchema,
  ReadStateSchema,
  REST_ROUTES,
  UserSchema,
  UserSummarySchema,
} from '@supchat/contracts';
import type { z } from 'zod';
import { HealthCheckResultSchema } from './health-check.schema';
import { JsonSchemaConverter } from './json-schema-converter';
import type {
  HttpMethodKey,
  InfoObject,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ResponseObject,
  ServerObject,
  TagObject,
} from './openapi.types';

type Responses = Record<string, ResponseObject>;

export const OPENAPI_VERSION = '3.1.0';
export const BEARER_AUTH = 'bearerAuth';

/** Schemas that get a name under `components.schemas`; responses refer to them by `$ref`. */
export const COMPONENT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  ErrorBody: ErrorBodySchema,
  UserSummary: UserSummarySchema,
  User: UserSchema,
  AuthResponse: AuthResponseSchema,
  Channel: ChannelSchema,
  ChannelMember: ChannelMemberSchema,
  ReadState: ReadStateSchema,
  Reaction: ReactionSchema,
  Attachment: AttachmentSchema,
  Message: MessageSchema,
  MessagePage: MessagePageSchema,
  ChangesPage: ChangesPageSchema,
  MessageDeleted: MessageDeletedSchema,
  HealthCheckResult: HealthCheckResultSchema,
};

const TAGS: readonly TagObject[] = [
  { name: 'auth', description: 'Accounts and sessions: an access token (JWT) and a rotating refresh token' },
  { name: 'users', description: 'The caller and the user directory' },
  { name: 'channels', description: 'Public and private channels, direct conversations and their members' },
  { name: 'messages', description: 'Timelines, catch-up after a disconnect, and single messages' },
  { name: 'monitoring', description: "The live dashboard's message tester (admins only)" },
  { name: 'health', description: 'Liveness and readiness probes in terminus format (public)' },
];

const ERROR_MEANINGS: Readonly<Record<ErrorCode, string>> = {
  UNAUTHORIZED: 'not authenticated: the token or credentials are missing, invalid or expired',
  FORBIDDEN: 'authenticated, but not allowed to do this',
  NOT_FOUND: 'no such resource, or the caller may not see it',
  VALIDATION_FAILED: 'a parameter or the body is invalid; `details.fields` lists each field and its rule',
  CONFLICT: 'conflicts with existing data (a name or email already taken, already a member...)',
  RATE_LIMITED: 'too many requests; retry after `details.retryAfterMs` (also sent as `Retry-After`, seconds)',
  PAYLOAD_TOO_LARGE: 'the request body is larger than the server accepts',
  INTERNAL: 'unexpected server error; quote `requestId` when reporting it',
};

/** Example bodies, with the messages the server actually sends for these codes. */
const EXAMPLE_ERRORS: Readonly<Record<ErrorCode, Pick<ErrorBody, 'message' | 'details'>>> = {
  UNAUTHORIZED: { message: 'Authentication required' },
  FORBIDDEN: { message: 'You are not allowed to do that' },
  NOT_FOUND: { message: 'Channel not found' },
  VALIDATION_FAILED: {
    message: 'Invalid input: content: must not be empty',
    details: { fields: [{ path: 'content', message: 'must not be empty' }] },
  },
  CONFLICT: { message: 'That name is already taken' },
  RATE_LIMITED: { message: 'Too many requests, slow down', details: { retryAfterMs: 1500 } },
  PAYLOAD_TOO_LARGE: { message: 'Request body is too large' },
  INTERNAL: { message: 'Internal server error' },
};

/** Public probes outside the `/api` prefix, served by the health module rather than the route table. */
const HEALTH_ROUTES = [
  { path: '/health', summary: 'Every check: database, Redis when configured, heap' },
  { path: '/health/live', summary: 'Liveness: the process is up and its heap is within bounds' },
  { path: '/health/ready', summary: 'Readiness: the database (and Redis, when configured) answer' },
] as const;

const DEFAULT_INFO: InfoObject = {
  title: 'SUPCHAT API',
  version: '1',
  description: [
    'REST API of SUPCHAT for integrations. Every path except the health probes is under `/api`.',
    '',
    'Authenticate with `POST /api/auth/login` (or `/register`) and send the access token as',
    '`Authorization: Bearer <accessToken>`; renew it with `POST /api/auth/refresh`.',
    'Every error has the body `ErrorBody` with a stable `code`. Ids are 24-character hex strings,',
    'times are ISO-8601 strings. Real-time events travel over Socket.IO (path `/socket.io`), not described here.',
  ].join('\n'),
};

/**
 * The OpenAPI 3.1 document of the REST API, generated from the contract route table and its zod
 * schemas, plus the health probes.
 */
export function buildOpenApiDocument(
  routes: readonly RestRoute[] = REST_ROUTES,
  info: InfoObject = DEFAULT_INFO,
  servers: ServerObject[] = [],
): OpenApiDocument {
  const converter = new JsonSchemaConverter(COMPONENT_SCHEMAS);
  const paths: Record<string, PathItemObject> = {};
  const operationIds = new Set<string>();
  const usedTags = new Set<string>();
  const addOperation = (method: string, path: string, operation: OperationObject) => {
    const openApiPath = toOpenApiPath(path);
    const item = (paths[openApiPath] ??= {});
    const key = method.toLowerCase() as HttpMethodKey;
    if (item[key]) throw new Error(`Route ${method} ${path} is listed twice`);
    if (operationIds.has(operation.operationId))
      throw new Error(`Duplicate operationId ${operation.operationId}`);
    operationIds.add(operation.operationId);
    for (const tag of operation.tags) usedTags.add(tag);
    item[key] = operation;
  };

  for (const route of routes) addOperation(route.method, route.path, routeOperation(route, converter));
  for (const health of HEALTH_ROUTES) {
    addOperation('GET', health.path, {
      operationId: operationId('GET', health.path),
      summary: health.summary,
      tags: ['health'],
      responses: {
        '200': healthResponse('Every check is up'),
        '503': healthResponse('At least one check is down (or the server is shutting down)'),
      },
    });
  }

  return {
    openapi: OPENAPI_VERSION,
    info,
    ...(servers.length > 0 ? { servers } : {}),
    tags: [
      ...TAGS.filter((tag) => usedTags.has(tag.name)),
      ...[...usedTags].filter((name) => !TAGS.some((tag) => tag.name === name)).map((name) => ({ name })),
    ],
    paths,
    components: {
      schemas: converter.components(),
      securitySchemes: {
        [BEARER_AUTH]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The access token from /api/auth/register, /api/auth/login or /api/auth/refresh',
        },
      },
    },
  };
}

function routeOperation(route: RestRoute, converter: JsonSchemaConverter): OperationObject {
  const parameters = [
    ...pathParameters(route, converter),
    ...objectParameters('query', route.query, converter, `${route.method} ${route.path}`),
  ];
  return {
    operationId: operationId(route.method, route.path),
    summary: route.summary,
    tags: [route.tag],
    ...(route.authenticated ? { security: [{ [BEARER_AUTH]: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: converter.input(route.body) } },
          },
        }
      : {}),
    responses: {
      ...successResponses(route.responses, converter, `${route.method} ${route.path}`),
      ...errorResponses([...route.errors, 'INTERNAL']),
    },
  };
}

/** `/api/channels/:id/members/:userId` -> `/api/channels/{id}/members/{userId}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
}

/** `POST /api/channels/:id/members` -> `postChannelsByIdMembers`. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) =>
      segment.startsWith(':') ? ['by', segment.slice(1)] : segment.split(/[^A-Za-z0-9]+/),
    );
  return method.toLowerCase() + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** Every `:param` of the path, typed by the route's params schema (a plain string when it has none). */
function pathParameters(route: RestRoute, converter: JsonSchemaConverter): ParameterObject[] {
  const where = `${route.method} ${route.path}`;
  const declared = objectParameters('path', route.params, converter, where);
  const names = pathParamNames(route.path);
  for (const parameter of declared) {
    if (!names.includes(parameter.name))
      throw new Error(`${where}: params schema has "${parameter.name}", which is not in the path`);
  }
  return names.map(
    (name) =>
      declared.find((parameter) => parameter.name === name) ?? {
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      },
  );
}

/** The properties of a zod object schema (refinements allowed) as parameters, on its input side. */
function objectParameters(
  location: 'path' | 'query',
  schema: z.ZodType | undefined,
  converter: JsonSchemaConverter,
  where: string,
): ParameterObject[] {
  if (!schema) return [];
  const json = converter.input(schema);
  if (json.type !== 'object' || !json.properties)
    throw new Error(`${where}: ${location} schema must be a zod object`);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties).map(([name, property]) => {
    const { description, ...propertySchema } = typeof property === 'boolean' ? {} : property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function successResponses(
  responses: readonly RestResponse[],
  converter: JsonSchemaConverter,
  where: string,
): Responses {
  const result: Responses = {};
  for (const response of responses) {
    const status = String(response.status);
    if (result[status]) throw new Error(`${where}: two success responses with status ${status}`);
    result[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { 'application/json': { schema: converter.output(response.schema) } } }
        : {}),
    };
  }
  return result;
}

/** One response per status, listing the codes that share it, each with an example body. */
function errorResponses(codes: readonly ErrorCode[]): Responses {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = HTTP_STATUS_BY_ERROR_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const result: Responses = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    result[String(status)] = {
      description: statusCodes.map((code) => `\`${code}\`: ${ERROR_MEANINGS[code]}`).join('\n\n'),
      ...(statusCodes.includes('RATE_LIMITED')
        ? {
            headers: {
              'Retry-After': {
                description: 'Seconds to wait before retrying',
                schema: { type: 'integer', minimum: 1 },
              },
            },
          }
        : {}),
      content: {
        'application/json': {
          schema: JsonSchemaConverter.ref('ErrorBody'),
          examples: Object.fromEntries(
            statusCodes.map((code) => [code, { summary: code, value: exampleError(status, code) }]),
          ),
        },
      },
    };
  }
  return result;
}

function exampleError(status: number, code: ErrorCode): ErrorBody {
  return {
    statusCode: status,
    code,
    ...EXAMPLE_ERRORS[code],
    requestId: '3f1c2a7e-5b9d-4e8a-9c61-0d2b7f4e8a15',
  };
}

function healthResponse(description: string): ResponseObject {
  return {
    description,
    content: { 'application/json': { schema: JsonSchemaConverter.ref('HealthCheckResult') } },
  };
}
