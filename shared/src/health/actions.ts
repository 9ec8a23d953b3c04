// Next best action for each member and for the coordinator, derived from the most pressing reason.
import { type Reason, spanInWords } from './reasons';
import type { Signals } from './signals';
import type { HealthStatus } from './status';

export interface HealthActions {
  /** Member address → what that member could do next. */
  members: Record<string, string>;
  coordinator: string;
}

export function nextActions(signals: Signals, reasons: Reason[], status: HealthStatus): HealthActions {
  // Keyed by address: a dictionary from the start, since every pair's addresses are new property names and a
  // plain object would add a hidden class for each (a full recompute assesses every pair).
  const members: Record<string, string> = Object.create(null);
  const everyone = (text: string) => fillMembers(members, signals, text);
  const name = (address?: string) => memberName(signals, address, 'your peer');
  const concern = reasons.find((reason) => reason.severity !== 'positive' && reason.severity !== 'info');
  let coordinator = 'Nothing needed: the pair is doing well.';

  switch (concern?.code) {
    case 'closed':
      everyone('Nothing to do: this pair is closed. Thank you for taking part.');
      coordinator = 'Nothing to do: the pair is closed.';
      break;
    case 'dormant':
    case 'overdue':
    case 'no-exchange-yet':
      everyone(
        `It has been ${spanInWords(concern.days ?? 0)}: send a short note, e.g. one thing you tried since you last wrote.`,
      );
      coordinator =
        concern.code === 'dormant'
          ? 'Contact both members personally; consider closing or rematching the pair.'
          : 'Members get a nudge; follow up if the silence continues.';
      break;
    case 'auto-replies-only':
      everyone('Your peer seems to be away (automatic reply); write again when they are back.');
      coordinator = 'Only automatic replies so far: confirm both members are available.';
      break;
    case 'awaiting-first-reply':
      members[concern.about!] = 'Reply to the first message in your thread, even briefly.';
      everyone(`Give ${name(concern.about)} a few days to reply.`);
      coordinator = `${name(concern.about)} has not replied yet; check the address is right if it stays silent.`;
      break;
    case 'member-silent':
      members[concern.about!] = 'Your peer has written since your last reply: answer when you can.';
      everyone(`${name(concern.about)} has gone quiet; a short, direct question can help.`);
      coordinator = `${name(concern.about)} stopped replying: reach out to them privately.`;
      break;
    case 'unanswered-question':
      members[concern.about!] = 'Your question is waiting for an answer; it is fine to ask again briefly.';
      everyone(`Answer ${name(concern.about)}'s question from ${spanInWords(concern.days ?? 0)} ago.`);
      coordinator = 'No action yet: an open question is waiting for an answer.';
      break;
    case 'low-check-in':
      members[concern.about!] = 'Tell your coordinator (or your peer) what would make this more useful.';
      everyone('Ask your peer what they would most like to get out of the next exchange.');
      coordinator = `Reach out privately to ${name(concern.about)} about the low check-in.`;
      break;
    case 'one-sided':
      members[concern.about!] = `Ask ${signals.members
        .filter((m) => m.address !== concern.about)
        .map((m) => m.name)
        .join(' and ')} what they could teach you in return.`;
      everyone(
        `Share something you know that ${name(concern.about)} could use: peer mentoring works both ways.`,
      );
      coordinator = 'Suggest a role-swap prompt so the quieter member leads the next exchange.';
      break;
    case 'slow-replies':
      everyone('Agree on a reply rhythm that suits you both, e.g. one message a week.');
      coordinator = 'No action needed yet; watch the reply times.';
      break;
    case 'momentum-down':
    case 'check-in-falling':
      everyone('Pick a fresh topic: try the next prompt in your thread.');
      coordinator = 'The pair is slowing: a fresh prompt or a short check-in may help.';
      break;
    case 'agreement-pending':
      everyone('Open the partnership agreement in the sidebar or your email and accept it.');
      coordinator = 'Remind the pair to accept their partnership agreement, or ask whether its terms fit.';
      break;
    default:
      everyone(
        signals.realMessages === 0
          ? 'Introduce yourself and suggest a first topic.'
          : 'Keep going: try the next prompt together.',
      );
      if (status === 'steady') coordinator = 'Nothing needed for now.';
  }
  return { members, coordinator };
}

function fillMembers(members: Record<string, string>, signals: Signals, text: string): void {
  for (const member of signals.members) members[member.address] ??= text;
}

/** A member's first name, or `fallback` when the address is not a current member's. */
export function memberName(signals: Signals, address: string | undefined, fallback: string): string {
  for (const member of signals.members) if (member.address === address) return member.name;
  return fallback;
}
