// Who is who in the demo program, read from the server's database (the tests need real addresses, pair
// tokens and names to build threads the server will recognise).
import { and, desc, eq, gt, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../server/src/db/client';
import {
  checkIns,
  matches,
  matchMembers,
  outboxJobs,
  participants,
  programCoordinators,
  prompts,
  users,
} from '../../../server/src/db/schema';
import type { FixtureThread, Person } from '../webmail/thread';
import { programAddress } from './peerpost-server';

export interface DemoMatch {
  id: string;
  token: string;
  members: Array<Person & { userId: string }>;
}

export async function demoMatches(db: Db): Promise<DemoMatch[]> {
  const rows = await db
    .select({
      matchId: matches.id,
      token: matches.token,
      userId: users.id,
      name: users.name,
      address: users.email,
    })
    .from(matches)
    .innerJoin(matchMembers, eq(matchMembers.matchId, matches.id))
    .innerJoin(users, eq(users.id, matchMembers.userId))
    .orderBy(matches.createdAt, matches.id, users.email);
  const byMatch = new Map<string, DemoMatch>();
  for (const row of rows) {
    const match = byMatch.get(row.matchId) ?? { id: row.matchId, token: row.token, members: [] };
    match.members.push({ userId: row.userId, name: row.name, address: row.address });
    byMatch.set(row.matchId, match);
  }
  return [...byMatch.values()];
}

export async function coordinatorOf(db: Db, programId: string): Promise<Person> {
  const [row] = await db
    .select({ name: users.name, address: users.email })
    .from(programCoordinators)
    .innerJoin(users, eq(users.id, programCoordinators.userId))
    .where(eq(programCoordinators.programId, programId));
  return row!;
}

/**
 * Watches for the next sign-in code mailed to an address: call before asking for the code, await the
 * returned function after. Codes travel by email, so they are read from the outbox the server wrote.
 */
export async function nextSignInCode(db: Db, address: string): Promise<() => Promise<string>> {
  const [latest] = await db
    .select({ id: outboxJobs.id })
    .from(outboxJobs)
    .orderBy(desc(outboxJobs.id))
    .limit(1);
  const after = latest?.id ?? 0;
  return async () => {
    // A deadline rather than a number of tries: on a loaded machine each query takes longer.
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      const rows = await db
        .select()
        .from(outboxJobs)
        // Only sign-in mail: in a slow run the scheduler may queue a check-in or prompt to the same person
        // after the code, and that later mail carries no code.
        .where(and(gt(outboxJobs.id, after), eq(outboxJobs.purpose, 'sign-in')))
        .orderBy(desc(outboxJobs.id));
      const mail = rows.find((row) =>
        row.toAddresses.some((to) => to.toLowerCase() === address.toLowerCase()),
      );
      const code = mail ? /code is (\d{6})/.exec(mail.textBody)?.[1] : undefined;
      if (code) return code;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no sign-in code was mailed to ${address}`);
  };
}

/**
 * People who joined after the demo's pairs were made: active participants in no match, so the program has
 * someone for the matching review to propose. Returns their participant ids.
 */
export async function addLateSignUps(db: Db, programId: string, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const [user] = await db
      .insert(users)
      .values({ email: `late.${i}.${Date.now()}@demo.peerpost.localhost`, name, timeZone: 'Europe/London' })
      .returning({ id: users.id });
    const [profile] = await db
      .insert(participants)
      .values({
        programId,
        userId: user!.id,
        careerStage: 'mid-career',
        skillsOffered: [i % 2 ? 'SQL' : 'public speaking'],
        skillsSought: [i % 2 ? 'public speaking' : 'SQL'],
        confirmedAt: new Date(),
      })
      .returning({ id: participants.id });
    ids.push(profile!.id);
  }
  return ids;
}

/**
 * A prompt in the program's curriculum, so the sidebar has a next prompt to offer. Staged as wrap-up, which
 * the server's scheduler sends only in a program's last period: a tick during a slow run would otherwise
 * send it into the thread, and it would no longer be next.
 */
export async function addPrompt(db: Db, programId: string, body: string): Promise<void> {
  await db
    .insert(prompts)
    .values({ programId, key: 'e2e-first-swap', stage: 'wrap-up', week: 0, title: 'A first swap', body });
}

/**
 * A check-in that is due now, so the sidebar offers the 1–5 buttons. Due a second ago: the sidebar offers the
 * latest due check-in, and the server's scheduler may have queued one for the demo's period meanwhile.
 */
export async function addPendingCheckIn(db: Db, matchId: string, userId: string): Promise<string> {
  const [row] = await db
    .insert(checkIns)
    .values({ matchId, userId, dueAt: new Date(Date.now() - 1000) })
    .returning({ id: checkIns.id });
  return row!.id;
}

export async function answeredScore(db: Db, checkInId: string): Promise<number | null> {
  const [row] = await db
    .select({ score: checkIns.score })
    .from(checkIns)
    .where(and(eq(checkIns.id, checkInId), isNotNull(checkIns.answeredAt)));
  return row?.score ?? null;
}

/** The thread a pair's reply looks like in webmail: the partner writes, the pair address in Cc. */
export function peerThread(
  match: DemoMatch,
  reader: Person,
  options: { id: string; subject?: string },
): FixtureThread {
  const partner = match.members.find((member) => member.address !== reader.address) ?? match.members[0]!;
  const [local, domain] = programAddress.split('@');
  return {
    id: options.id,
    subject: options.subject ?? 'Re: Meet your Peerpost peer',
    from: { name: partner.name, address: partner.address },
    to: match.members
      .filter((m) => m.address !== partner.address)
      .map(({ name, address }) => ({ name, address })),
    cc: [{ name: 'Peer Mentoring Circle', address: `${local}+p-${match.token}@${domain}` }],
    date: '2026-11-20 10:15',
    body: 'Thanks for the last call! What should we try next week?',
  };
}

export function unrelatedThread(id: string): FixtureThread {
  return {
    id,
    subject: 'Lunch on Friday?',
    from: { name: 'Robin Stranger', address: 'robin@elsewhere.example' },
    to: [{ name: 'Sam Other', address: 'sam@elsewhere.example' }],
    cc: [],
    date: '2026-11-20 12:00',
    body: 'Are you free on Friday?',
  };
}
