// Test helpers for program tests: a program with participants, the solver's proposal and approval, so
// tests can run approve → intro → prompts → closure. Only imported by tests.
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { matches, organisations, programs } from '../db/schema';
import { importParticipants } from './enrolment/csv-import';
import { queueIntroMails } from './lifecycle/intro-mails';
import { createProgram, type NewProgram, type Program, transitionProgram } from './lifecycle/program-service';
import { proposeMatches as proposeWithSolver } from './matching/proposal';

export function csvOf(header: string[], rows: string[][]): string {
  return [header, ...rows].map((row) => row.join(',')).join('\n');
}

export const peopleCsvHeader = [
  'email',
  'name',
  'time_zone',
  'career_stage',
  'skills_offered',
  'skills_sought',
];

/** n valid CSV rows: person0 … person<n-1>. */
export function peopleRows(n: number, domain = 'example.org'): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `person${i}@${domain}`,
    `Person ${i}`,
    i % 2 ? 'Europe/Berlin' : 'America/New_York',
    'mid-career',
    i % 2 ? 'SQL;writing' : 'hiring',
    i % 2 ? 'hiring' : 'SQL',
  ]);
}

export async function createTestProgram(db: Db, overrides: Partial<NewProgram> = {}): Promise<Program> {
  const suffix = randomBytes(4).toString('hex');
  const [org] = await db
    .insert(organisations)
    .values({ name: 'Test org', slug: `org-${suffix}` })
    .returning();
  return createProgram(db, {
    organisationId: org!.id,
    name: 'Test Circle',
    slug: `circle-${suffix}`,
    address: 'mentoring@example.org',
    goal: 'Teach each other one skill',
    cadenceDays: 7,
    checkInEveryDays: 14,
    ...overrides,
  });
}

/** Imports n people into the program (status active). */
export async function enrolPeople(db: Db, program: Program, n: number, domain = 'example.org') {
  const report = await importParticipants(db, program.id, csvOf(peopleCsvHeader, peopleRows(n, domain)));
  if (!report.imported) throw new Error(`test import failed: ${JSON.stringify(report.problems)}`);
}

/**
 * The real solver's proposal for a program's unmatched people (the program moves to "matching" first
 * when it is still enrolling). Returns the new match ids.
 */
export async function proposeMatches(db: Db, program: Program): Promise<string[]> {
  const [current] = await db.select().from(programs).where(eq(programs.id, program.id));
  if (current!.status === 'enrolling') await transitionProgram(db, program.id, 'matching');
  return (await proposeWithSolver(db, program.id)).matchIds;
}

/** The coordinator's approval: matches approved and introduced in one transaction. */
export async function approveMatches(db: Db, matchIds: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(matches)
      .set({ status: 'approved', approvedAt: new Date() })
      .where(inArray(matches.id, matchIds));
    await queueIntroMails(tx, matchIds);
  });
}
