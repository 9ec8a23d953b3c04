// The sign-in rate limits, one set per application: the code routes and the link pages count against the
// same windows, so switching between code and link never doubles anyone's allowance.
import type { Context } from 'hono';
import type { AppContext } from '../context';
import { RateLimiter } from './rate-limit';
import { clientAddress } from './request-guards';

export type SignInStep = 'request' | 'verify';

export interface SignInLimits {
  /** Counts one attempt by this client (and for this address, when known); false once over a limit. */
  allow(c: Context, step: SignInStep, email?: string): boolean;
}

const perApp = new WeakMap<AppContext, SignInLimits>();

export function signInLimits(ctx: AppContext): SignInLimits {
  let limits = perApp.get(ctx);
  if (!limits) {
    // Per address: a few codes per 15 minutes; per IP: enough for an office behind one NAT.
    const perAddress = new RateLimiter(5, 15 * 60_000);
    const perIp = new RateLimiter(30, 15 * 60_000);
    limits = {
      allow(c, step, email) {
        if (!perIp.hit(`${step}:${clientAddress(c)}`)) return false;
        return email === undefined || perAddress.hit(`${step}:${email.toLowerCase()}`);
      },
    };
    perApp.set(ctx, limits);
  }
  return limits;
}
