// Every server path the extension and its dashboard call is a route the API serves (with the method the
// extension uses): a renamed or missing route fails here instead of as a 404 in the browser.
import { coordinatorActions, matchingReviewActions } from '@peerpost/shared';
import { describe, expect, it } from 'vitest';
import type { ReviewCommand } from '../../extension/src/dashboard/matching-review';
import { dashboardRoutes } from '../../extension/src/dashboard/routes';
import { apiRoutes } from '../../extension/src/services/api-routes';
import { apiRouteTable } from '../../server/src/http/api/api';

const id = '0b6b6f1e-8a3c-4a57-9d7e-3f1f0c2a9b10';
const reviewCommands = ['propose', ...matchingReviewActions, 'approve'] as const satisfies ReviewCommand[];

/** "GET /api/programs/{id}" → a pattern over concrete paths (query strings aside). */
const served = apiRouteTable.map((route) => ({
  method: route.method.toUpperCase(),
  pattern: new RegExp(`^/api${route.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
}));
const isServed = (method: string, path: string) =>
  served.some((route) => route.method === method && route.pattern.test(path.split('?')[0]!));

describe('extension routes against the server’s route table', () => {
  it('serves every path the dashboard reads and commands', () => {
    const calls: [string, string][] = [
      ['GET', dashboardRoutes.programs],
      ['GET', dashboardRoutes.matches(id)],
      ['GET', dashboardRoutes.stats(id)],
      ['GET', dashboardRoutes.timeline(id)],
      ['GET', dashboardRoutes.matching(id)],
      ...reviewCommands.map(
        (command) => ['POST', dashboardRoutes.matchingCommand(id, command)] as [string, string],
      ),
    ];
    for (const [method, path] of calls) expect(isServed(method, path), `${method} ${path}`).toBe(true);
    expect(calls.length).toBe(5 + reviewCommands.length);
  });

  it('serves every path the background calls for the sidebar and sign-in', () => {
    const calls: [string, string][] = [
      ['POST', apiRoutes.authRequest],
      ['POST', apiRoutes.authVerify],
      ['GET', apiRoutes.me],
      ['GET', apiRoutes.context],
      ['POST', apiRoutes.checkIn(id)],
      ['POST', apiRoutes.acceptAgreement(id)],
      ['POST', apiRoutes.proposeCadence(id)],
      ['POST', apiRoutes.setGoals(id)],
      ['POST', apiRoutes.keepGoing(id)],
      ['POST', apiRoutes.goalProgress(id)],
      ['POST', apiRoutes.snooze(id)],
      ...coordinatorActions.map(
        (action) => ['POST', apiRoutes.coordinatorAction(id, action)] as [string, string],
      ),
    ];
    for (const [method, path] of calls) expect(isServed(method, path), `${method} ${path}`).toBe(true);
  });

  it('can fail: a path the server does not serve is reported', () => {
    expect(isServed('POST', `/api/matches/${id}/approve`)).toBe(false);
    expect(isServed('GET', dashboardRoutes.matchingCommand(id, 'approve'))).toBe(false);
  });
});
