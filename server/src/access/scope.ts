// Who may see what, decided in one place: every API query about matches or programs goes through a Scope.
// participant → own matches; coordinator → programs they coordinate; admin → all programs of their organisations.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { matchMembers, memberships, programCoordinators, programs } from '../db/schema';

export interface Scope {
  userId: string;
  memberMatchIds: ReadonlySet<string>;
  coordinatedProgramIds: ReadonlySet<string>;
  adminOrganisationIds: ReadonlySet<string>;
}

export type MatchRole = 'participant' | 'coordinator';

export async function loadScope(db: Db, userId: string): Promise<Scope> {
  const [member, coordinated, admin] = await Promise.all([
    db
      .select({ matchId: matchMembers.matchId })
      .from(matchMembers)
      .where(and(eq(matchMembers.userId, userId), isNull(matchMembers.leftAt))),
    db
      .select({ programId: programCoordinators.programId })
      .from(programCoordinators)
      .where(eq(programCoordinators.userId, userId)),
    db
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.role, 'admin'))),
  ]);
  const adminOrganisationIds = new Set(admin.map((row) => row.organisationId));
  const adminPrograms = adminOrganisationIds.size
    ? await db
        .select({ id: programs.id })
        .from(programs)
        .where(inArray(programs.organisationId, [...adminOrganisationIds]))
    : [];
  return {
    userId,
    memberMatchIds: new Set(member.map((row) => row.matchId)),
    coordinatedProgramIds: new Set([
      ...coordinated.map((row) => row.programId),
      ...adminPrograms.map((row) => row.id),
    ]),
    adminOrganisationIds,
  };
}

/** How the caller relates to a match, or undefined when they may not see it at all. */
export function roleForMatch(scope: Scope, match: { id: string; programId: string }): MatchRole | undefined {
  if (scope.memberMatchIds.has(match.id)) return 'participant';
  if (scope.coordinatedProgramIds.has(match.programId)) return 'coordinator';
  return undefined;
}
