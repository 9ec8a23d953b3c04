// A bounce marks the failed recipients undeliverable and tells the program's coordinators once per address.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { programCoordinators, undeliverableAddresses, users } from '../../db/schema';
import { enqueueMail } from '../outbox';

export async function recordBounce(
  tx: Tx,
  program: { id: string; address: string; name: string },
  failedRecipients: string[],
): Promise<void> {
  for (const address of failedRecipients) {
    await tx
      .insert(undeliverableAddresses)
      .values({ address, reason: 'bounced (delivery status notification)' })
      .onConflictDoNothing();
    const coordinators = await tx
      .select({ email: users.email })
      .from(programCoordinators)
      .innerJoin(users, eq(users.id, programCoordinators.userId))
      .where(eq(programCoordinators.programId, program.id));
    if (!coordinators.length) continue;
    await enqueueMail(tx, {
      idempotencyKey: `bounce:${program.id}:${address}`,
      purpose: 'notice',
      programId: program.id,
      from: program.address,
      to: coordinators.map((c) => c.email),
      subject: `Undeliverable address in ${program.name}: ${address}`,
      text: `Mail from ${program.name} to ${address} bounced. Peerpost will not send to this address again until it is corrected.`,
    });
  }
}
