import type { MatchingProposal } from '@peerpost/shared/api/matching';
import { describe, expect, it } from 'vitest';
import {
  commandBody,
  matchingReviewClient,
  missingPick,
  nameOf,
  proposalRows,
  type ReviewTransport,
  togglePick,
  totalsLine,
} from './matching-review';

const ids = {
  ana: '11111111-1111-4111-8111-111111111111',
  ben: '22222222-2222-4222-8222-222222222222',
  cy: '33333333-3333-4333-8333-333333333333',
  match: '44444444-4444-4444-8444-444444444444',
  program: '55555555-5555-4555-8555-555555555555',
};

const proposal: MatchingProposal = {
  matches: [
    {
      id: ids.match,
      members: [
        { id: ids.ana, name: 'Ana <b>Silva</b>\u202Egpj.exe\u200B', email: 'ana@example.org' },
        { id: ids.ben, name: 'Ben', email: 'ben@example.org' },
      ],
      score: 0.8166,
      pinned: true,
      explanation: ['pinned by the coordinator', 'Ana can teach Ben SQL'],
    },
  ],
  unmatched: [{ id: ids.cy, name: 'Cy', email: 'cy@example.org' }],
  totals: { matches: 1, people: 2, totalScore: 0.817, meanScore: 0.817, unmatched: 1 },
};

/** Records calls and answers with what the test gives, like the background does. */
function transport(answer: unknown): ReviewTransport & { calls: [string, string, unknown][] } {
  const calls: [string, string, unknown][] = [];
  return {
    calls,
    get: async (path) => {
      calls.push(['GET', path, undefined]);
      return answer;
    },
    post: async (path, body) => {
      calls.push(['POST', path, body]);
      return answer;
    },
  };
}

describe('matching review', () => {
  it('keeps the last two people picked and unpicks on a second click', () => {
    expect(togglePick([], ids.ana)).toEqual([ids.ana]);
    expect(togglePick([ids.ana], ids.ben)).toEqual([ids.ana, ids.ben]);
    expect(togglePick([ids.ana, ids.ben], ids.cy)).toEqual([ids.ben, ids.cy]);
    expect(togglePick([ids.ana, ids.ben], ids.ana)).toEqual([ids.ben]);
  });

  it('says what a command still needs picked', () => {
    expect(missingPick('swap', [ids.ana])).toBe('Pick two people to swap (1 picked)');
    expect(missingPick('rematch', [ids.ana, ids.ben])).toBe('Pick exactly one person to rematch');
    expect(missingPick('pin', [ids.ana, ids.ben])).toBeNull();
    expect(missingPick('approve', [])).toBeNull();
  });

  it('builds the bodies the contract asks for, and refuses what it would refuse', () => {
    expect(commandBody('pin', [ids.ana, ids.ben])).toEqual({ a: ids.ana, b: ids.ben });
    expect(commandBody('rematch', [ids.cy])).toEqual({ participantId: ids.cy });
    expect(commandBody('unmatch', [], ids.match)).toEqual({ matchId: ids.match });
    expect(commandBody('propose', [ids.ana])).toBeUndefined();
    expect(() => commandBody('block', [ids.ana])).toThrow('Pick two people to block');
    expect(() => commandBody('swap', ['not-an-id', ids.ben])).toThrow();
    expect(() => commandBody('unmatch', [])).toThrow('Choose the match to unmatch');
  });

  it('turns the proposal into rows and a totals line, names as text without bidi or zero-width tricks', () => {
    const [row] = proposalRows(proposal);
    expect(row).toEqual({
      matchId: ids.match,
      members: [
        { id: ids.ana, label: 'Ana <b>Silva</b>gpj.exe <ana@example.org>' },
        { id: ids.ben, label: 'Ben <ben@example.org>' },
      ],
      score: '0.82',
      pinned: true,
      explanation: 'pinned by the coordinator; Ana can teach Ben SQL',
    });
    expect(totalsLine(proposal)).toBe('1 matches, 2 people, 1 unmatched, mean score 0.82');
    expect(nameOf(proposal, ids.cy)).toBe('Cy');
    expect(nameOf(proposal, ids.ana)).toBe('Ana <b>Silva</b>gpj.exe');
    expect(nameOf(proposal, ids.match)).toBe('someone');
  });

  it('calls the program’s matching routes and checks each answer against the contract', async () => {
    const ok = transport(proposal);
    const client = matchingReviewClient(ok);
    expect(await client.load(ids.program)).toEqual(proposal);
    await client.run(ids.program, 'pin', { a: ids.ana, b: ids.ben });
    expect(ok.calls).toEqual([
      ['GET', `/api/programs/${ids.program}/matching`, undefined],
      ['POST', `/api/programs/${ids.program}/matching/pin`, { a: ids.ana, b: ids.ben }],
    ]);
    const approval = transport({ approvedMatchIds: [ids.match], programStatus: 'running' });
    expect(await matchingReviewClient(approval).approve(ids.program)).toEqual({
      approvedMatchIds: [ids.match],
      programStatus: 'running',
    });
    expect(approval.calls[0]?.[1]).toBe(`/api/programs/${ids.program}/matching/approve`);
    await expect(matchingReviewClient(transport({ matches: 'nope' })).load(ids.program)).rejects.toThrow(
      'unexpected shape',
    );
  });
});
