// Who may see what, decided in one place: every API query about matches or programs goes through a Scope.
// participant → own matches; coordinator → programs they coordinate; admin → all programs of their organisations.
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { matches, matchMembers, memberships, programCoordinators, programs } from '../db/schema';
import { PeerpostError } from '../errors';

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

/** Organisations where the caller may create programs (coordinator or admin there). */
export async function staffOrganisationIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), inArray(memberships.role, ['coordinator', 'admin'])));
  return rows.map((row) => row.organisationId);
}

/** SQL condition: the matches the caller may see at all (own as member, or in a coordinated program). */
export function visibleMatches(scope: Scope): SQL {
  const own = [...scope.memberMatchIds];
  const coordinated = [...scope.coordinatedProgramIds];
  const conditions = [
    own.length ? inArray(matches.id, own) : undefined,
    coordinated.length ? inArray(matches.programId, coordinated) : undefined,
  ].filter((condition) => condition !== undefined);
  return conditions.length ? (or(...conditions) as SQL) : sql`false`;
}

/**
 * Loads a match the caller may act on in one of `roles`; anything else is "not found" so that the
 * existence of other matches never leaks.
 */
export async function requireMatch(db: Db, scope: Scope, matchId: string, roles: readonly MatchRole[]) {
  const [match] = await db.select().from(matches).where(eq(matches.id, matchId));
  const role = match && roleForMatch(scope, match);
  if (!match || !role || !roles.includes(role)) throw new PeerpostError('ENOTFOUND', 'No such match');
  return { match, role };
}

/** Loads a program the caller coordinates (or administers); otherwise "not found". */
export async function requireProgram(db: Db, scope: Scope, programId: string) {
  const [program] = scope.coordinatedProgramIds.has(programId)
    ? await db.select().from(programs).where(eq(programs.id, programId))
    : [];
  if (!program) throw new PeerpostError('ENOTFOUND', 'No such program');
  return program;
}
