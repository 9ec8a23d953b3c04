// Audit trail of what coordinators and admins did or looked at (exports, imports, a person's details,
// quick actions on a match). The program acted on decides the organisation that owns the entry.
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { auditLog, programs } from '../db/schema';

export interface AuditEntry {
  actorUserId: string;
  action: string;
  targetType: 'program' | 'match' | 'participant';
  targetId: string;
  programId: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  const [program] = await db
    .select({ organisationId: programs.organisationId })
    .from(programs)
    .where(eq(programs.id, entry.programId));
  await db.insert(auditLog).values({
    organisationId: program?.organisationId ?? null,
    actorUserId: entry.actorUserId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: { programId: entry.programId, ...entry.details },
  });
}
