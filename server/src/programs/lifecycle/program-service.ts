// Creating programs (with a copy of the prompt library), finding them by id or slug, moving them through
// their states. Every state change goes through assertTransition.
import { promptLibrary } from '@peerpost/shared';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { type ProgramStatus, programCoordinators, programs, prompts } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { assertTransition } from './program-states';

export type Program = typeof programs.$inferSelect;

export interface NewProgram {
  organisationId: string;
  name: string;
  slug: string;
  address: string;
  goal?: string;
  cadenceDays?: number;
  checkInEveryDays?: number;
  startsOn?: string;
  endsOn?: string;
  pairSize?: 2 | 3;
  matchingWeights?: Record<string, number>;
  relayMode?: boolean;
  storeBodies?: boolean;
  coordinatorUserIds?: string[];
}

export async function createProgram(db: Db, input: NewProgram): Promise<Program> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.slug)) {
    throw new PeerpostError('EBADINPUT', 'A program slug is lower-case letters, digits and dashes');
  }
  if (input.pairSize !== undefined && input.pairSize !== 2 && input.pairSize !== 3) {
    throw new PeerpostError('EBADINPUT', 'Pair size is 2 (pairs) or 3 (peer groups)');
  }
  if (input.startsOn && input.endsOn && input.endsOn <= input.startsOn) {
    throw new PeerpostError('EBADINPUT', 'A program must end after it starts');
  }
  return db.transaction(async (tx) => {
    const { coordinatorUserIds = [], ...values } = input;
    const [program] = await tx.insert(programs).values(values).returning();
    await tx.insert(prompts).values(promptLibrary.map((prompt) => ({ ...prompt, programId: program!.id })));
    if (coordinatorUserIds.length) {
      await tx
        .insert(programCoordinators)
        .values(coordinatorUserIds.map((userId) => ({ programId: program!.id, userId })));
    }
    return program!;
  });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By id, or by slug when that slug is unique across organisations (else the id is needed). */
export async function findProgram(db: Db | Tx, idOrSlug: string): Promise<Program> {
  const found = await db
    .select()
    .from(programs)
    .where(
      uuidPattern.test(idOrSlug)
        ? or(eq(programs.id, idOrSlug), eq(programs.slug, idOrSlug))
        : eq(programs.slug, idOrSlug),
    )
    .limit(2);
  if (found.length === 0) throw new PeerpostError('ENOTFOUND', `No program "${idOrSlug}"`);
  if (found.length > 1) {
    throw new PeerpostError('ECONFLICT', `Several programs are called "${idOrSlug}"; use the program id`);
  }
  return found[0]!;
}

/** Moves a program to its next state, refusing invalid steps; locks the row against concurrent moves. */
export async function transitionProgram(db: Db | Tx, programId: string, to: ProgramStatus): Promise<Program> {
  const run = async (tx: Tx) => {
    const [current] = await tx.select().from(programs).where(eq(programs.id, programId)).for('update');
    if (!current) throw new PeerpostError('ENOTFOUND', 'No such program');
    assertTransition(current.status, to);
    const [updated] = await tx
      .update(programs)
      .set({ status: to })
      .where(and(eq(programs.id, programId), eq(programs.status, current.status)))
      .returning();
    return updated!;
  };
  // Inside a caller's transaction this becomes a savepoint.
  return db.transaction(run);
}

/** Programs in the given states (the tick's work list). */
export function programsIn(db: Db | Tx, statuses: ProgramStatus[]) {
  return db.select().from(programs).where(inArray(programs.status, statuses));
}
