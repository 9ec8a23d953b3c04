// The coordinator's matching review of one program: read the proposal, propose again, pin, block, swap,
// unmatch, rematch one person, approve (which queues the intro mails). Coordinators of the program and
// admins of its organisation only (requireProgram); every change is audited.
import { createRoute } from '@hono/zod-openapi';
import {
  matchingApprovalSchema,
  matchingPairSchema,
  matchingProposalSchema,
  matchingRematchSchema,
  matchingUnmatchSchema,
} from '@peerpost/shared';
import { z } from 'zod';
import { recordAudit } from '../../access/audit';
import { requireProgram } from '../../access/scope';
import type { AppContext } from '../../context';
import { approveProposal } from '../../programs/matching/approve';
import { proposeMatches } from '../../programs/matching/proposal';
import { viewProposal } from '../../programs/matching/proposal-view';
import {
  blockPair,
  findParticipant,
  pinPair,
  rematchPerson,
  swapMembers,
  unmatch,
} from '../../programs/matching/review';
import type { ApiEnv } from './api-env';
import { errorResponse, jsonResponse as json, jsonBody, newApiRouter, signedIn } from './api-router';
import { protectRoutes } from './require-caller';

const params = z.object({ id: z.uuid() });
const refusals = {
  400: errorResponse('Malformed request (field-level reasons)'),
  401: errorResponse('Not signed in'),
  404: errorResponse('No such program the caller coordinates, or no such person or match in it'),
  409: errorResponse('The program is not matching, or the proposal does not allow this change'),
};

/** A command on the proposal; it answers with the proposal as it is afterwards. */
const command = <B extends z.ZodType>(path: string, description: string, body: B) =>
  createRoute({
    method: 'post',
    path: `/programs/{id}/matching/${path}`,
    ...signedIn,
    request: { params, body: jsonBody(body) },
    responses: { 200: json(matchingProposalSchema, description), ...refusals },
  });

export const matchingRoutesTable = [
  createRoute({
    method: 'get',
    path: '/programs/{id}/matching',
    ...signedIn,
    request: { params },
    responses: {
      200: json(matchingProposalSchema, 'The current proposal, unmatched people and totals'),
      ...refusals,
    },
  }),
  createRoute({
    method: 'post',
    path: '/programs/{id}/matching/propose',
    ...signedIn,
    request: { params },
    responses: {
      200: json(matchingProposalSchema, 'The solver matched everyone unmatched again (pinned matches stay)'),
      ...refusals,
    },
  }),
  command('pin', 'The two are kept together; the people they leave are matched again', matchingPairSchema),
  command('block', 'The two are never matched; if they were, both are matched again', matchingPairSchema),
  command('swap', 'The two changed places between their proposed matches', matchingPairSchema),
  command('unmatch', 'The proposed match is dissolved; its people are unmatched', matchingUnmatchSchema),
  command('rematch', 'The person got a different partner; the rest was solved again', matchingRematchSchema),
  createRoute({
    method: 'post',
    path: '/programs/{id}/matching/approve',
    ...signedIn,
    request: { params },
    responses: {
      200: json(matchingApprovalSchema, 'Every proposed match is approved and its intro mail queued'),
      ...refusals,
    },
  }),
] as const;

export function matchingRoutes(ctx: AppContext) {
  const { db } = ctx.database;
  const app = newApiRouter();
  protectRoutes(app, matchingRoutesTable, db);
  const [show, propose, pin, block, swap, unmatchRoute, rematch, approve] = matchingRoutesTable;

  /**
   * Runs one command on a program the caller coordinates and audits it; `work` gets the program id and
   * returns what the audit entry records.
   */
  async function act<T>(
    who: ApiEnv['Variables'],
    programId: string,
    action: string,
    work: (programId: string) => Promise<{ details: Record<string, unknown>; result: T }>,
  ): Promise<T> {
    const program = await requireProgram(db, who.scope, programId);
    const { details, result } = await work(program.id);
    await recordAudit(db, {
      actorUserId: who.caller.userId,
      action: `matching.${action}`,
      targetType: 'program',
      targetId: program.id,
      programId: program.id,
      details,
    });
    return result;
  }
  /** Participant ids are checked against the program: a person of another program is "not found". */
  const people = (programId: string, ids: string[]) =>
    Promise.all(ids.map((participantId) => findParticipant(db, programId, participantId)));
  const proposalAfter = async (programId: string, details: Record<string, unknown>) => ({
    details,
    result: await viewProposal(db, programId),
  });
  app.openapi(show, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    return c.json(await viewProposal(db, program.id), 200);
  });

  app.openapi(propose, async (c) => {
    const view = await act(c.var, c.req.valid('param').id, 'propose', async (programId) => {
      const round = await proposeMatches(db, programId);
      return proposalAfter(programId, {
        proposed: round.matchIds.length,
        unmatched: round.unmatchedIds.length,
      });
    });
    return c.json(view, 200);
  });

  // Pin, block and swap take the same two people.
  for (const [route, action, change] of [
    [pin, 'pin', pinPair],
    [block, 'block', blockPair],
    [swap, 'swap', swapMembers],
  ] as const) {
    app.openapi(route, async (c) => {
      const pair = c.req.valid('json');
      const view = await act(c.var, c.req.valid('param').id, action, async (programId) => {
        const [a, b] = await people(programId, [pair.a, pair.b]);
        await change(db, programId, a!, b!);
        return proposalAfter(programId, { a, b });
      });
      return c.json(view, 200);
    });
  }

  app.openapi(unmatchRoute, async (c) => {
    const { matchId } = c.req.valid('json');
    const view = await act(c.var, c.req.valid('param').id, 'unmatch', async (programId) => {
      const freed = await unmatch(db, programId, matchId);
      return proposalAfter(programId, { matchId, freed });
    });
    return c.json(view, 200);
  });

  app.openapi(rematch, async (c) => {
    const { participantId } = c.req.valid('json');
    const view = await act(c.var, c.req.valid('param').id, 'rematch', async (programId) => {
      const [person] = await people(programId, [participantId]);
      await rematchPerson(db, programId, person!);
      return proposalAfter(programId, { participantId: person });
    });
    return c.json(view, 200);
  });

  app.openapi(approve, async (c) => {
    const approval = await act(c.var, c.req.valid('param').id, 'approve', async (programId) => {
      const approvedMatchIds = await approveProposal(db, programId);
      const program = await requireProgram(db, c.get('scope'), programId);
      return {
        details: { approved: approvedMatchIds.length },
        result: { approvedMatchIds, programStatus: program.status },
      };
    });
    return c.json(approval, 200);
  });
  return app;
}
