// What health is computed from: message metadata and check-ins of one pair or group (never bodies).
// Times are epoch milliseconds so that a full recompute of many matches stays cheap.

export interface HealthMember {
  address: string;
  name: string;
}

export interface HealthMessage {
  from: string;
  at: number;
  newTextChars: number;
  questions: number;
  /** Auto-replies (RFC 3834, out-of-office) never count as engagement. */
  autoReply: boolean;
  bounce: boolean;
}

export interface HealthCheckIn {
  from: string;
  at: number;
  /** 1–5 pulse. */
  score: number;
}

export interface MatchHistory {
  cadenceDays: number;
  now: number;
  startedAt: number;
  /** End of the program, when known: the pair winds down before it. */
  endsAt?: number;
  closed?: boolean;
  members: HealthMember[];
  /** In any order. */
  messages: HealthMessage[];
  checkIns: HealthCheckIn[];
  /** The pair's partnership agreement, when one was offered: addresses of members yet to accept it. */
  agreement?: { pending: string[] };
}

export const DAY_MS = 86_400_000;

/** A display name from an address when no name is known: "ben.okafor@x" → "Ben". */
export function nameFromAddress(address: string): string {
  const local = address.split('@')[0] ?? address;
  const first = local.split(/[.+_-]/)[0] || local;
  return first.charAt(0).toUpperCase() + first.slice(1);
}
