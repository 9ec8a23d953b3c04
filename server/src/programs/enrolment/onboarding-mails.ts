// Onboarding mail for every active participant of a program that has not had one yet. Driven by the
// tick (not by the import) so a 50,000-row import stays fast and a crash never loses a welcome; the
// outbox idempotency key `onboarding:<program>:<user>` is both the record and the guard.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client';
import { enqueueMail } from '../../mail/outbox';
import type { Program } from '../lifecycle/program-service';
import { onboardingMail } from '../mails/program-mails';

export async function queueOnboardingMails(db: Db, program: Program, limit = 500): Promise<number> {
  const due = await queryRows<{ user_id: string; email: string; name: string }>(
    db,
    sql`select u.id as user_id, u.email, u.name
        from participants p
        join users u on u.id = p.user_id
        where p.program_id = ${program.id} and p.status = 'active'
          and not exists (select 1 from outbox_jobs o
                          where o.idempotency_key = 'onboarding:' || ${program.id} || ':' || u.id::text)
        order by p.created_at
        limit ${limit}`,
  );
  await db.transaction(async (tx) => {
    for (const person of due) {
      const mail = onboardingMail(program, person.name);
      await enqueueMail(tx, {
        idempotencyKey: `onboarding:${program.id}:${person.user_id}`,
        purpose: 'onboarding',
        programId: program.id,
        from: program.address,
        to: [person.email],
        subject: mail.subject,
        text: mail.text,
      });
    }
  });
  return due.length;
}
