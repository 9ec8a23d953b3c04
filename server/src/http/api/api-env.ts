import type { Scope } from '../../access/scope';
import type { Caller } from '../../auth/api-tokens';

/** Per-request values the API middleware sets. */
export interface ApiEnv {
  Variables: {
    caller: Caller;
    scope: Scope;
    /** Whether in-memory caches may answer this request (every earlier commit's change notice seen). */
    settled: boolean;
  };
}
