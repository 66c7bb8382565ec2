import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import type { ErrorCode } from '../../../core/errors.js';
import { errorResponses } from './problems.js';

/**
 * What src/edges/http/access/ adds to the API's posts, said in the contract: the optional API
 * key (either header), the rate limit's 429, and Idempotency-Key on the routes that render.
 */
export const securitySchemes = {
  bearer: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'An API key as `Authorization: Bearer <key>` (when the service has `API_KEYS`).',
  },
  apiKey: {
    type: 'apiKey' as const,
    in: 'header' as const,
    name: 'X-API-Key',
    description: 'The same key in `X-API-Key`.',
  },
};

/** A render or a batch: retried safely with the same key (IETF httpapi idempotency draft). */
const RENDERING = [/^\/v1\/documents\/[^/]+$/, /^\/v1\/batch\/[^/]+$/, /^\/v1\/jobs\/[^/{]+$/];

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'A retry with the same key and the same body answers the first result again (with ' +
    '`Idempotent-Replayed: true`), 409 while the first is still running, 422 with another body.',
  schema: { type: 'string' as const, minLength: 1, maxLength: 255 },
};

/** Every POST under /v1 with the key schemes (none needed when the service has no keys). */
export function withAccess(paths: ZodOpenApiPathsObject): ZodOpenApiPathsObject {
  const guarded: ZodOpenApiPathsObject = {};
  for (const [path, item] of Object.entries(paths)) {
    const post = item.post as ZodOpenApiOperationObject | undefined;
    if (!path.startsWith('/v1/') || !post) {
      guarded[path] = item;
      continue;
    }
    const idempotent = RENDERING.some((pattern) => pattern.test(path));
    const codes: ErrorCode[] = [
      'UNAUTHORIZED',
      'RATE_LIMITED',
      ...(idempotent
        ? ([
            'IDEMPOTENCY_IN_PROGRESS',
            'IDEMPOTENCY_ANSWER_NOT_KEPT',
            'IDEMPOTENCY_KEY_REUSED',
          ] as const)
        : []),
    ];
    const added = errorResponses(codes);
    const responses = { ...post.responses } as Record<string, Response>;
    for (const [status, response] of Object.entries(added)) {
      // A status the operation already answers keeps its codes, and gains these.
      responses[status] = responses[status]
        ? mergedResponse(responses[status], response)
        : response;
    }
    guarded[path] = {
      ...item,
      post: {
        ...post,
        // `{}` first: with no API_KEYS configured, nothing is asked.
        security: [{}, { bearer: [] }, { apiKey: [] }],
        ...(idempotent ? { parameters: [...(post.parameters ?? []), idempotencyKey] } : {}),
        responses: responses as ZodOpenApiOperationObject['responses'],
      },
    };
  }
  return guarded;
}

type Response = ReturnType<typeof errorResponses>[string];

function mergedResponse(first: Response, second: Response): Response {
  const a = first as { description?: string; content?: Record<string, { examples?: object }> };
  const b = second as typeof a;
  const type = 'application/problem+json';
  const content = a.content?.[type];
  if (!content || !b.content?.[type]) return first;
  return {
    ...a,
    description: `${a.description ?? ''}, ${b.description ?? ''}`,
    content: {
      ...a.content,
      [type]: {
        ...content,
        examples: { ...content.examples, ...b.content[type].examples },
      },
    },
  } as Response;
}
