// Whether a nudge may go to a person now. Dedupe is enforced by the database (nudges.dedupe_key is unique);
// these are the rules that depend on the person and the time.
import { isQuietHour } from './quiet-hours';

export interface NudgeRecipient {
  userId: string;
  email: string;
  name: string;
  timeZone: string;
  quietHoursStart: number;
  quietHoursEnd: number;
  nudgesOptOut: boolean;
}

export type NudgeBlock = 'closed' | 'opted-out' | 'quiet-hours' | 'rate-limited';

export interface NudgeCheck {
  recipient: NudgeRecipient;
  matchClosed: boolean;
  /** When this person last got a nudge (that counts for the rate limit), if ever. */
  lastNudgeAt: Date | null;
  nudgeEveryDays: number;
  now: Date;
}

/** The first rule that blocks the nudge, or null when it may be sent. */
export function nudgeBlock(check: NudgeCheck): NudgeBlock | null {
  const { recipient, now } = check;
  if (check.matchClosed) return 'closed';
  if (recipient.nudgesOptOut) return 'opted-out';
  if (isQuietHour(now, recipient.timeZone, recipient.quietHoursStart, recipient.quietHoursEnd))
    return 'quiet-hours';
  if (check.lastNudgeAt && now.getTime() - check.lastNudgeAt.getTime() < check.nudgeEveryDays * 86_400_000) {
    return 'rate-limited';
  }
  return null;
}
