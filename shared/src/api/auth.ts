// Sign-in by emailed one-time code, then a long-lived API token for the extension.
import { z } from 'zod';

export const emailSchema = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());

export const authRequestSchema = z.object({ email: emailSchema });
export type AuthRequest = z.input<typeof authRequestSchema>;

export const authVerifySchema = z.object({
  email: emailSchema,
  code: z.string().regex(/^[0-9]{6}$/, 'must be the 6-digit code from the email'),
  /** Name of the device/token, e.g. "Chromium on laptop". */
  tokenName: z.string().max(100).optional(),
});
export type AuthVerify = z.input<typeof authVerifySchema>;

export const meSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(['participant', 'coordinator', 'admin'])),
});
export type Me = z.infer<typeof meSchema>;

export const authVerifyResponseSchema = z.object({ token: z.string(), me: meSchema });
export type AuthVerifyResponse = z.infer<typeof authVerifyResponseSchema>;
