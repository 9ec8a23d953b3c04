// Shared pieces of every API router: the validation hook (400 with one reason per field, in the shared
// error shape) and response helpers for route declarations.
import { OpenAPIHono } from '@hono/zod-openapi';
import { type ErrorBody, errorBodySchema } from '@peerpost/shared';
import type { z } from 'zod';
import type { ApiEnv } from './api-env';

export function newApiRouter() {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) fields[issue.path.join('.') || '(body)'] = issue.message;
      const body: ErrorBody = { error: { code: 'EBADINPUT', message: 'The request is malformed', fields } };
      return c.json(body, 400);
    },
  });
}

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const errorResponse = (description: string) => jsonResponse(errorBodySchema, description);

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
