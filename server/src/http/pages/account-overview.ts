// What the signed-in page shows: the person's own matches (partners, program, the pair's address that
// reaches the thread) and the programs they coordinate. Everything goes through the caller's Scope.
import type { MatchRow } from '@peerpost/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db } from '../../db/client';
import { matches, programs } from '../../db/schema';
import { pairAddress } from '../../mail/ingest/attribute';
import { listMatches } from '../api/matches/list-matches';

export interface OwnMatch extends MatchRow {
  programName: string;
  /** Writing here reaches the pair's thread (the plus-address of the intro's Reply-To). */
  pairAddress: string;
}

export interface CoordinatedProgram {
  id: string;
  name: string;
  status: string;
}

export async function accountOverview(db: Db, scope: Scope) {
  // Only the matches the person is a member of: a coordinator's programs are listed as programs.
  const ownScope: Scope = { ...scope, coordinatedProgramIds: new Set() };
  const rows = await listMatches(db, ownScope, { limit: 500, offset: 0 });
  const details = rows.length
    ? await db
        .select({ id: matches.id, token: matches.token, name: programs.name, address: programs.address })
        .from(matches)
        .innerJoin(programs, eq(programs.id, matches.programId))
        .where(
          inArray(
            matches.id,
            rows.map((row) => row.id),
          ),
        )
    : [];
  const own: OwnMatch[] = rows.flatMap((row) => {
    const detail = details.find((candidate) => candidate.id === row.id);
    return detail
      ? [{ ...row, programName: detail.name, pairAddress: pairAddress(detail.address, detail.token) }]
      : [];
  });
  const programIds = [...scope.coordinatedProgramIds];
  const coordinated: CoordinatedProgram[] = programIds.length
    ? await db
        .select({ id: programs.id, name: programs.name, status: programs.status })
        .from(programs)
        .where(inArray(programs.id, programIds))
        .orderBy(asc(programs.name))
    : [];
  return { matches: own, programs: coordinated };
}
