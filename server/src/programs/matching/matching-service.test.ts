// The coordinator flow on a real database: propose → review (pin, block, swap, unmatch, rematch) →
// approve → intro mails, with exclusions and previous partners never matched.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { matches, programs } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { importParticipants } from '../enrolment/csv-import';
import { transitionProgram } from '../lifecycle/program-service';
import { outboxWhere } from '../test-mail';
import { createTestProgram, csvOf } from '../testing';
import { approveProposal } from './approve';
import { proposeMatches } from './proposal';
import { viewProposal } from './proposal-view';
import { blockPair, findParticipant, pinPair, rematchPerson, swapMembers, unmatch } from './review';

const header = [
  'email',
  'name',
  'time_zone',
  'career_stage',
  'skills_offered',
  'skills_sought',
  'goals',
  'team',
  'exclusions',
];

/** Ten people; ana excludes ben, who would otherwise suit her best. */
function roster(domain: string): string[][] {
  const row = (name: string, zone: string, offers: string, seeks: string, team: string, excludes = '') => [
    `${name}@${domain}`,
    name[0]!.toUpperCase() + name.slice(1),
    zone,
    'early-career',
    offers,
    seeks,
    'leadership',
    team,
    excludes ? `${excludes}@${domain}` : '',
  ];
  return [
    row('ana', 'Europe/Lisbon', 'SQL', 'public speaking', 'data', 'ben'),
    row('ben', 'Europe/London', 'public speaking', 'SQL', 'sales'),
    row('cleo', 'Europe/Berlin', 'design', 'hiring', 'data'),
    row('dev', 'Europe/Paris', 'hiring', 'design', 'ops'),
    row('eve', 'America/New_York', 'Rust', 'writing', 'eng'),
    row('finn', 'America/Chicago', 'writing', 'Rust', 'docs'),
    row('gia', 'Asia/Kolkata', 'budgeting', 'negotiation', 'finance'),
    row('hal', 'Asia/Dubai', 'negotiation', 'budgeting', 'legal'),
    row('ida', 'UTC', 'SQL', 'design', 'data'),
    row('jon', 'UTC', 'design', 'SQL', 'ops'),
  ];
}

const pairsOf = async (db: Db, programId: string) =>
  (await viewProposal(db, programId)).matches
    .map((m) =>
      m.members
        .map((p) => p.email.split('@')[0])
        .sort()
        .join('+'),
    )
    .sort();

describe.each(databaseKinds())('matching flow on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
  });
  afterAll(() => database.close());

  async function programInMatching(domain: string) {
    const program = await createTestProgram(db, { startsOn: '2026-03-02' });
    await transitionProgram(db, program.id, 'enrolling');
    const report = await importParticipants(db, program.id, csvOf(header, roster(domain)));
    expect(report.imported).toBe(true);
    await transitionProgram(db, program.id, 'matching');
    return program;
  }

  it('proposes, takes the review and introduces the approved matches', async () => {
    const domain = `flow-${kind}.org`;
    const program = await programInMatching(domain);
    const person = (name: string) => findParticipant(db, program.id, `${name}@${domain}`);

    const round = await proposeMatches(db, program.id);
    expect(round.matchIds).toHaveLength(5);
    const first = await pairsOf(db, program.id);
    expect(first).not.toContain('ana+ben');
    expect(first).toEqual(expect.arrayContaining(['cleo+dev', 'eve+finn', 'gia+hal']));
    const view = await viewProposal(db, program.id);
    expect(view.totals).toMatchObject({ matches: 5, people: 10, unmatched: 0 });
    const gia = view.matches.find((m) => m.members.some((p) => p.name === 'Gia'))!;
    expect(gia.explanation).toEqual(expect.arrayContaining(['Gia can teach budgeting, which Hal wants']));
    // Proposing again gives the same pairs.
    await proposeMatches(db, program.id);
    expect(await pairsOf(db, program.id)).toEqual(first);

    // Pin: cleo and eve together, pinned, the others rematched around them.
    await pinPair(db, program.id, await person('cleo'), await person('eve'));
    const pinned = await viewProposal(db, program.id);
    expect(
      pinned.matches
        .find((m) => m.pinned)
        ?.members.map((p) => p.name)
        .sort(),
    ).toEqual(['Cleo', 'Eve']);
    expect(pinned.totals.unmatched).toBe(0);
    // A new proposal keeps the pin.
    await proposeMatches(db, program.id);
    expect(await pairsOf(db, program.id)).toContain('cleo+eve');

    // Block: they are split and never proposed together again.
    await blockPair(db, program.id, await person('cleo'), await person('eve'));
    expect(await pairsOf(db, program.id)).not.toContain('cleo+eve');
    await proposeMatches(db, program.id);
    expect(await pairsOf(db, program.id)).not.toContain('cleo+eve');

    // Swap: gia and ida change places; swapping ana into ben's match is refused (exclusion).
    const before = await pairsOf(db, program.id);
    const [matchA, matchB] = await swapMembers(db, program.id, await person('gia'), await person('ida'));
    const [changed] = await db.select().from(matches).where(eq(matches.id, matchA));
    expect(changed!.explanation[0]).toBe('changed by the coordinator');
    expect(matchB).not.toBe(matchA);
    expect(await pairsOf(db, program.id)).not.toEqual(before);
    const bensPartner = (await viewProposal(db, program.id)).matches
      .find((m) => m.members.some((p) => p.name === 'Ben'))!
      .members.find((p) => p.name !== 'Ben')!;
    await expect(swapMembers(db, program.id, await person('ana'), bensPartner.id)).rejects.toThrow(
      /must never be matched/,
    );

    // Rematch one person: hal gets someone else; unmatch leaves both people unmatched.
    const halBefore = (await pairsOf(db, program.id)).find((pair) => pair.includes('hal'))!;
    await rematchPerson(db, program.id, await person('hal'));
    const halAfter = (await pairsOf(db, program.id)).find((pair) => pair.includes('hal'));
    expect(halAfter).not.toBe(halBefore);
    const someMatch = (await viewProposal(db, program.id)).matches[0]!;
    expect((await unmatch(db, program.id, someMatch.id)).sort()).toEqual(
      someMatch.members.map((p) => p.id).sort(),
    );
    expect((await viewProposal(db, program.id)).totals.unmatched).toBe(someMatch.members.length);

    // Approve: intros queued for every match, program running.
    await proposeMatches(db, program.id);
    const approved = await approveProposal(db, program.id);
    expect(approved).toHaveLength(5);
    const intros = (await outboxWhere(db, 'intro:')).filter((mail) => mail.programId === program.id);
    expect(intros).toHaveLength(5);
    const [after] = await db.select().from(programs).where(eq(programs.id, program.id));
    expect(after!.status).toBe('running');
    await expect(approveProposal(db, program.id)).rejects.toThrow(/no proposal/);
  });

  it('never matches people who were partners before, and refuses a program not in matching', async () => {
    const domain = `again-${kind}.org`;
    const earlier = await programInMatching(domain);
    await proposeMatches(db, earlier.id);
    const earlierPairs = await pairsOf(db, earlier.id);
    await approveProposal(db, earlier.id);
    const later = await programInMatching(domain);
    await proposeMatches(db, later.id);
    const laterPairs = await pairsOf(db, later.id);
    for (const pair of earlierPairs) expect(laterPairs).not.toContain(pair);

    const draft = await createTestProgram(db);
    await expect(proposeMatches(db, draft.id)).rejects.toThrow(/needs the program in "matching"/);
  });
});
