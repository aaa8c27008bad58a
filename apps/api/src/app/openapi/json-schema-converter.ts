import { z } from 'zod';
import type { JsonSchema } from './openapi.types';

const COMPONENT_REF_PREFIX = '#/components/schemas/';
/** Id under which a schema being converted is added to the registry for one conversion. */
const INLINE_ID = '__inline';

/**
 * Converts contract zod schemas to JSON Schema 2020-12 (the dialect of OpenAPI 3.1) with zod's own
 * `z.toJSONSchema()`. Response schemas refer to the named components by `$ref`; request schemas
 * (bodies, path and query parameters) are converted on their input side and inlined, since their
 * input differs from their output (defaults, coercion, trimming, transforms).
 */
export class JsonSchemaConverter {
  private readonly registry = z.registry<{ id: string }>();
  private readonly componentIds = new Map<z.ZodType, string>();

  constructor(components: Readonly<Record<string, z.ZodType>>) {
    for (const [id, schema] of Object.entries(components)) {
      if (this.componentIds.has(schema)) throw new Error(`Schema registered twice as a component: ${id}`);
      this.componentIds.set(schema, id);
      this.registry.add(schema, { id });
    }
  }

  static ref(componentId: string): JsonSchema {
    return { $ref: `${COMPONENT_REF_PREFIX}${componentId}` };
  }

  /** Every component, as `components.schemas` of the document. */
  components(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.registry, this.params('output'));
    const result: Record<string, JsonSchema> = {};
    for (const id of this.componentIds.values()) result[id] = clean(schemas[id]);
    return result;
  }

  /** What the server sends: a `$ref` for a component, else the schema with `$ref`s to components inside. */
  output(schema: z.ZodType): JsonSchema {
    const componentId = this.componentIds.get(schema);
    if (componentId) return JsonSchemaConverter.ref(componentId);
    this.registry.add(schema, { id: INLINE_ID });
    try {
      const { schemas } = z.toJSONSchema(this.registry, this.params('output'));
      return clean(schemas[INLINE_ID]);
    } finally {
      this.registry.remove(schema);
    }
  }

  /** What a client may send: the input side of the schema, inlined. */
  input(schema: z.ZodType): JsonSchema {
    return clean(z.toJSONSchema(schema, this.params('input')));
  }

  private params(io: 'input' | 'output') {
    return {
      target: 'draft-2020-12',
      io,
      // A transform's output or a custom type has no JSON Schema: document it as "anything" rather than fail.
      unrepresentable: 'any',
      uri: (id: string) => `${COMPONENT_REF_PREFIX}${id}`,
      override: io === 'output' ? allowAddedResponseFields : undefined,
    } as const;
  }
}

/**
 * zod marks every plain object's output `additionalProperties: false` (it strips unknown keys), but a
 * response may gain fields in a later version without breaking clients; strict objects stay strict.
 */
function allowAddedResponseFields(context: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }): void {
  const { def } = context.zodSchema._zod;
  if (def.type === 'object' && def.catchall === undefined) delete context.jsonSchema.additionalProperties;
}

/** OpenAPI embeds schemas: drop the standalone-document keys zod adds (`$schema`, and `$id` per registry entry). */
function clean(jsonSchema: JsonSchema | undefined): JsonSchema {
  if (!jsonSchema) throw new Error('zod produced no JSON Schema');
  const { $schema: _schema, $id: _id, ...rest } = jsonSchema;
  return rest;
}
