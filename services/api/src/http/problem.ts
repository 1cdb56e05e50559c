import { StoreError } from '@trustwatch/store';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, type ApiErrorCode } from '../errors.js';

/** RFC 9457 problem details, with the API's error code and per-field errors as extension members. */
export const problemSchema = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string(),
  errors: z.array(z.strictObject({ pointer: z.string(), detail: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

const TITLES: Readonly<Record<ApiErrorCode, string>> = {
  INVALID_REQUEST: 'The request is not valid',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  UNAVAILABLE: 'A dependency is unavailable',
  INTERNAL: 'Internal error',
};

// Fastify's own client errors (body parsing, content type) by status.
const FASTIFY_STATUS_CODES: Readonly<Record<number, ApiErrorCode>> = {
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Maps anything thrown by a route or by fastify itself to an ApiError; unknown errors become INTERNAL. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError) {
    if (error.code === 'UNAVAILABLE')
      return new ApiError('UNAVAILABLE', 'the trust store is unavailable', { cause: error });
    if (error.code === 'INVALID_FLEET' || error.code === 'INVALID_ARGUMENT') {
      const errors = error.path === undefined ? [] : [{ pointer: error.path, detail: error.message }];
      return new ApiError('INVALID_REQUEST', error.message, { cause: error, errors });
    }
    return new ApiError('INTERNAL', 'internal error', { cause: error });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'request';
    const errors = error.validation.map((issue) => ({
      pointer: `/${where}${issue.instancePath}`,
      detail: issue.message ?? 'invalid',
    }));
    return new ApiError('INVALID_REQUEST', `invalid ${where}`, { cause: error, errors });
  }
  if (isResponseSerializationError(error))
    return new ApiError('INTERNAL', 'internal error', { cause: error });
  const status = (error as Partial<FastifyError>).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = FASTIFY_STATUS_CODES[status] ?? 'INVALID_REQUEST';
    // Fastify's client-error messages name only the problem (bad JSON, wrong type), never data.
    return new ApiError(code, (error as Error).message, { cause: error });
  }
  return new ApiError('INTERNAL', 'internal error', { cause: error });
}

/** Renders an ApiError as application/problem+json. */
export function problemOf(error: ApiError, request: FastifyRequest): Problem {
  return {
    type: `urn:trustwatch:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[error.code],
    status: error.status,
    detail: error.message,
    // The occurrence, not the URL: echoing the path would repeat caller-supplied ids back in errors.
    instance: `urn:trustwatch:request:${request.id}`,
    code: error.code,
    ...(error.errors.length === 0 ? {} : { errors: [...error.errors] }),
  };
}

/** The one error handler: every failure leaves as problem+json, 5xx logged with their cause. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const apiError = toApiError(error);
  if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
  if (apiError.code === 'UNAUTHENTICATED') void reply.header('www-authenticate', 'Bearer, ApiKey');
  return reply
    .code(apiError.status)
    .type('application/problem+json')
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(problemOf(apiError, request));
}
