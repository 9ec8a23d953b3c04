// Shared pieces of every API router: the validation hook (400 with one reason per field, in the shared
// error shape) and response helpers for route declarations.
import { OpenAPIHono } from '@hono/zod-openapi';
import { type ErrorBody, errorBodySchema } from '@peerpost/shared';
import type { z } from 'zod';
import { SESSION_COOKIE } from '../session-cookie';
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

/**
 * How a route is authenticated: a bearer token (the extension, scripts) or the signed-in browser's session
 * cookie (the dashboard pages). The cookie alone only reads; a change needs the CSRF header as well.
 */
export const signedIn: { security: Array<Record<string, string[]>> } = {
  security: [{ bearer: [] }, { session: [] }],
};

export function declareSecuritySchemes(api: ReturnType<typeof newApiRouter>) {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The session cookie set by signing in on the web. Reads need only the cookie; a POST, PUT, PATCH or DELETE ' +
      'authenticated by the cookie alone must also send the X-CSRF-Token header shown on the signed-in page.',
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
