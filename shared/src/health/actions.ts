// Next best action for each member and for the coordinator, derived from the most pressing reason.
import { type Reason, spanInWords } from './reasons';
import { memberName, type Signals } from './signals';
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
  const concern = reasons.find((reason) => reason.severity !== 'positive' && reason.severity !== 'info');
  let coordinator = 'Nothing needed: the pair is doing well.';

  switch (concern?.code) {
    case 'closed':
      fillMembers(members, signals, 'Nothing to do: this pair is closed. Thank you for taking part.');
      coordinator = 'Nothing to do: the pair is closed.';
      break;
    case 'dormant':
    case 'overdue':
    case 'no-exchange-yet':
      fillMembers(
        members,
        signals,
        `It has been ${spanInWords(concern.days ?? 0)}: send a short note, e.g. one thing you tried since you last wrote.`,
      );
      coordinator =
        concern.code === 'dormant'
          ? 'Contact both members personally; consider closing or rematching the pair.'
          : 'Members get a nudge; follow up if the silence continues.';
      break;
    case 'auto-replies-only':
      fillMembers(
        members,
        signals,
        'Your peer seems to be away (automatic reply); write again when they are back.',
      );
      coordinator = 'Only automatic replies so far: confirm both members are available.';
      break;
    case 'awaiting-first-reply':
      members[concern.about!] = 'Reply to the first message in your thread, even briefly.';
      fillMembers(
        members,
        signals,
        `Give ${memberName(signals, concern.about, 'your peer')} a few days to reply.`,
      );
      coordinator = `${memberName(signals, concern.about, 'your peer')} has not replied yet; check the address is right if it stays silent.`;
      break;
    case 'member-silent':
      members[concern.about!] = 'Your peer has written since your last reply: answer when you can.';
      fillMembers(
        members,
        signals,
        `${memberName(signals, concern.about, 'your peer')} has gone quiet; a short, direct question can help.`,
      );
      coordinator = `${memberName(signals, concern.about, 'your peer')} stopped replying: reach out to them privately.`;
      break;
    case 'unanswered-question':
      members[concern.about!] = 'Your question is waiting for an answer; it is fine to ask again briefly.';
      fillMembers(
        members,
        signals,
        `Answer ${memberName(signals, concern.about, 'your peer')}'s question from ${spanInWords(concern.days ?? 0)} ago.`,
      );
      coordinator = 'No action yet: an open question is waiting for an answer.';
      break;
    case 'low-check-in':
      members[concern.about!] = 'Tell your coordinator (or your peer) what would make this more useful.';
      fillMembers(
        members,
        signals,
        'Ask your peer what they would most like to get out of the next exchange.',
      );
      coordinator = `Reach out privately to ${memberName(signals, concern.about, 'your peer')} about the low check-in.`;
      break;
    case 'one-sided':
      members[concern.about!] = `Ask ${signals.members
        .filter((m) => m.address !== concern.about)
        .map((m) => m.name)
        .join(' and ')} what they could teach you in return.`;
      fillMembers(
        members,
        signals,
        `Share something you know that ${memberName(signals, concern.about, 'your peer')} could use: peer mentoring works both ways.`,
      );
      coordinator = 'Suggest a role-swap prompt so the quieter member leads the next exchange.';
      break;
    case 'slow-replies':
      fillMembers(members, signals, 'Agree on a reply rhythm that suits you both, e.g. one message a week.');
      coordinator = 'No action needed yet; watch the reply times.';
      break;
    case 'momentum-down':
    case 'check-in-falling':
      fillMembers(members, signals, 'Pick a fresh topic: try the next prompt in your thread.');
      coordinator = 'The pair is slowing: a fresh prompt or a short check-in may help.';
      break;
    case 'agreement-pending':
      fillMembers(
        members,
        signals,
        'Open the partnership agreement in the sidebar or your email and accept it.',
      );
      coordinator = 'Remind the pair to accept their partnership agreement, or ask whether its terms fit.';
      break;
    default:
      fillMembers(
        members,
        signals,
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
