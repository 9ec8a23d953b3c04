// Test fixtures for ingest: a program with pairs the way the program engine creates them. Tests only.
import type { Db } from '../../db/client';
import {
  matches,
  matchMembers,
  organisations,
  participants,
  programCoordinators,
  programs,
  threads,
  users,
} from '../../db/schema';
import { enqueueMail } from '../outbox';
import { pairAddress } from './attribute';

export interface PairFixture {
  matchId: string;
  token: string;
  members: string[];
  rootMessageId: string;
  threadId: string;
}

export interface ProgramFixture {
  programId: string;
  address: string;
  pairs: PairFixture[];
}

export async function seedProgram(
  db: Db,
  options: {
    address?: string;
    pairs: string[][];
    relayMode?: boolean;
    storeBodies?: boolean;
    coordinator?: string;
    mailboxKey?: string;
  },
): Promise<ProgramFixture> {
  const address = options.address ?? 'program@example.org';
  const suffix = Math.random().toString(36).slice(2, 8);
  const [org] = await db
    .insert(organisations)
    .values({ name: 'Org', slug: `org-${suffix}` })
    .returning();
  const [program] = await db
    .insert(programs)
    .values({
      organisationId: org!.id,
      name: 'Peer program',
      slug: `program-${suffix}`,
      status: 'running',
      address,
      relayMode: options.relayMode ?? false,
      storeBodies: options.storeBodies ?? false,
      mailboxKey: options.mailboxKey ?? 'default',
    })
    .returning();
  if (options.coordinator) {
    const [coordinator] = await db
      .insert(users)
      .values({ email: options.coordinator, name: 'Coordinator' })
      .returning();
    await db.insert(programCoordinators).values({ programId: program!.id, userId: coordinator!.id });
  }
  const pairs: PairFixture[] = [];
  for (const [index, members] of options.pairs.entries()) {
    const token = `t${index}${suffix}`;
    const [match] = await db
      .insert(matches)
      .values({ programId: program!.id, status: 'active', token })
      .returning();
    for (const email of members) {
      const [user] = await db
        .insert(users)
        .values({ email, name: email.split('@')[0]! })
        .returning();
      const [participant] = await db
        .insert(participants)
        .values({ programId: program!.id, userId: user!.id, careerStage: 'mid' })
        .returning();
      await db
        .insert(matchMembers)
        .values({ matchId: match!.id, participantId: participant!.id, userId: user!.id });
    }
    // The intro, queued as the program engine does: pair address as Reply-To, program in Cc.
    const intro = await enqueueMail(db, {
      idempotencyKey: `intro:${match!.id}`,
      purpose: 'intro',
      programId: program!.id,
      from: address,
      to: members,
      cc: [address],
      replyTo: pairAddress(address, token),
      subject: 'Meet your peer',
      text: 'Hello both! What would you like to learn first?',
    });
    const [thread] = await db
      .insert(threads)
      .values({ matchId: match!.id, subject: 'Meet your peer', rootMessageId: intro.messageId })
      .returning();
    pairs.push({ matchId: match!.id, token, members, rootMessageId: intro.messageId, threadId: thread!.id });
  }
  return { programId: program!.id, address, pairs };
}
