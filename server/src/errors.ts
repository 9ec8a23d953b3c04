// One list of error codes for the whole server. HTTP routes map these to responses in one place.
export const errorCodes = {
  EINVALIDCONFIG: { status: 500, description: 'The configuration is invalid' },
  EBADINPUT: { status: 400, description: 'The request or file is malformed' },
  EUNAUTHENTICATED: { status: 401, description: 'Sign-in is required' },
  EFORBIDDEN: { status: 403, description: 'The caller may not do this' },
  ENOTFOUND: { status: 404, description: 'Nothing here, or nothing the caller may see' },
  ETOOLARGE: { status: 413, description: 'The request body is too large' },
  ECONFLICT: { status: 409, description: 'The change conflicts with the current state' },
  ERATELIMITED: { status: 429, description: 'Too many requests; try again later' },
  EDATABASE: { status: 503, description: 'The database is unavailable' },
  EMAIL: { status: 502, description: 'The mail server failed' },
  EINTERNAL: { status: 500, description: 'Unexpected failure' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class PeerpostError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PeerpostError';
    this.status = errorCodes[code].status;
  }
}
