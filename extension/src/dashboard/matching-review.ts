// The matching review's logic, apart from React so it is tested on its own: which people the coordinator
// picked, which server command a button sends (checked with the contract's own schemas first, so a
// mistake gets a clear message instead of a round trip), and the proposal as table rows.
import {
  type MatchingApproval,
  type MatchingProposal,
  matchingApprovalSchema,
  matchingPairSchema,
  matchingProposalSchema,
} from '@peerpost/shared/api/matching';
import { cleanText } from '../adapters/thread-view';
import { dashboardRoutes } from './routes';

export type ReviewCommand = 'propose' | 'pin' | 'block' | 'swap' | 'rematch' | 'unmatch' | 'approve';

/** How the dashboard reaches the server (through the background, which holds the token). */
export interface ReviewTransport {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

/**
 * Picks a person for pin, block, swap or rematch: picking again unpicks; a third pick replaces the
 * oldest, so the last two clicks are always the pair.
 */
export function togglePick(picked: readonly string[], personId: string): string[] {
  if (picked.includes(personId)) return picked.filter((id) => id !== personId);
  return [...picked, personId].slice(-2);
}

/** What a command needs picked, or null when it can be sent as is. */
export function missingPick(command: ReviewCommand, picked: readonly string[]): string | null {
  switch (command) {
    case 'pin':
    case 'block':
    case 'swap':
      return picked.length === 2 ? null : `Pick two people to ${command} (${picked.length} picked)`;
    case 'rematch':
      return picked.length === 1 ? null : 'Pick exactly one person to rematch';
    default:
      return null;
  }
}

/** The request body of a command; throws an Error with a clear reason when it cannot be sent. */
export function commandBody(
  command: ReviewCommand,
  picked: readonly string[],
  matchId?: string,
): Record<string, string> | undefined {
  const missing = missingPick(command, picked);
  if (missing) throw new Error(missing);
  switch (command) {
    case 'pin':
    case 'block':
    case 'swap': {
      const pair = matchingPairSchema.safeParse({ a: picked[0], b: picked[1] });
      if (!pair.success) throw new Error(pair.error.issues.map((issue) => issue.message).join('; '));
      return pair.data;
    }
    case 'rematch':
      return { participantId: picked[0]! };
    case 'unmatch':
      if (!matchId) throw new Error('Choose the match to unmatch');
      return { matchId };
    default:
      return undefined;
  }
}

export interface ProposalRow {
  matchId: string;
  members: { id: string; label: string }[];
  score: string;
  pinned: boolean;
  explanation: string;
}

/**
 * A person as the review shows them: name and address, without the invisible bidi and zero-width
 * characters a self-chosen name could use to disguise itself or break the table.
 */
export function personLabel(person: { id: string; name: string; email: string }) {
  return { id: person.id, label: `${cleanText(person.name)} <${cleanText(person.email)}>` };
}

/** The proposal as the table shows it: names with addresses, scores to two decimals, reasons joined. */
export function proposalRows(proposal: MatchingProposal): ProposalRow[] {
  return proposal.matches.map((match) => ({
    matchId: match.id,
    members: match.members.map(personLabel),
    score: match.score.toFixed(2),
    pinned: match.pinned,
    explanation: cleanText(match.explanation.join('; ')),
  }));
}

export function totalsLine(proposal: MatchingProposal): string {
  const { totals } = proposal;
  return `${totals.matches} matches, ${totals.people} people, ${totals.unmatched} unmatched, mean score ${totals.meanScore.toFixed(2)}`;
}

/** A name for a picked person, for messages. */
export function nameOf(proposal: MatchingProposal, personId: string): string {
  const everyone = [...proposal.matches.flatMap((match) => match.members), ...proposal.unmatched];
  const name = everyone.find((person) => person.id === personId)?.name;
  return name ? cleanText(name) : 'someone';
}

/** An answer checked against the contract; a mismatch is one clear message, not a dump of the schema. */
function checked<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error('The Peerpost server answered in an unexpected shape (is it up to date?)');
  return result.data;
}

/** The review's calls, with every answer checked against the contract. */
export function matchingReviewClient(transport: ReviewTransport) {
  return {
    load: async (programId: string): Promise<MatchingProposal> =>
      checked(matchingProposalSchema, await transport.get(dashboardRoutes.matching(programId))),
    run: async (
      programId: string,
      command: Exclude<ReviewCommand, 'approve'>,
      body?: Record<string, string>,
    ): Promise<MatchingProposal> =>
      checked(
        matchingProposalSchema,
        await transport.post(dashboardRoutes.matchingCommand(programId, command), body),
      ),
    approve: async (programId: string): Promise<MatchingApproval> =>
      checked(
        matchingApprovalSchema,
        await transport.post(dashboardRoutes.matchingCommand(programId, 'approve'), undefined),
      ),
  };
}
