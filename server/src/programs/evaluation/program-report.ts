// The program report a coordinator exports: enrolment, match quality, active vs dormant pairs over
// time, reciprocity, check-ins, the end survey, shared goals, agreements and auto-concluded pairs. The API and `peerpost report` both call this.
import { eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client';
import { checkIns, healthSnapshots, matches, participants, programs, surveyResponses } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { type PartnershipReport, partnershipReport } from './partnership-report';
import { type Histogram, histogram, mean, netPromoterScore, quantile, round } from './statistics';

const DAY = 86_400_000;

export interface ActivityPoint {
  weekStart: string;
  active: number;
  dormant: number;
}

export interface ProgramReport {
  program: { id: string; name: string; status: string; startsOn: string | null; endsOn: string | null };
  generatedAt: string;
  enrolment: { total: number; byStatus: Record<string, number>; byCareerStage: Record<string, number> };
  matches: {
    total: number;
    byStatus: Record<string, number>;
    closeReasons: Record<string, number>;
    compatibility: {
      mean: number | null;
      min: number | null;
      median: number | null;
      max: number | null;
      histogram: Histogram[];
    };
  };
  activity: { source: 'health_snapshots' | 'messages' | 'mixed'; weeks: ActivityPoint[] };
  reciprocity: { matchesWithMessages: number; twoWayMatches: number; meanBalance: number | null };
  checkIns: { sent: number; answered: number; responseRate: number | null; averageScore: number | null };
  survey: {
    responses: number;
    averageSatisfaction: number | null;
    nps: number | null;
    recommendAnswers: number;
    learned: string[];
    taught: string[];
  };
  partnership: PartnershipReport;
}

const tally = (values: string[]) =>
  values.reduce<Record<string, number>>((acc, value) => {
    acc[value] = (acc[value] ?? 0) + 1;
    return acc;
  }, {});

export async function buildProgramReport(
  db: Db,
  programId: string,
  now = new Date(),
): Promise<ProgramReport> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) throw new PeerpostError('ENOTFOUND', 'No such program');
  const people = await db
    .select({ status: participants.status, careerStage: participants.careerStage })
    .from(participants)
    .where(eq(participants.programId, programId));
  const programMatches = await db.select().from(matches).where(eq(matches.programId, programId));
  const matchIds = programMatches.length
    ? programMatches.map((m) => m.id)
    : ['00000000-0000-0000-0000-000000000000'];
  const scores = programMatches.map((m) => m.compatibility).sort((a, b) => a - b);
  const pulses = await db.select().from(checkIns).where(inArray(checkIns.matchId, matchIds));
  const answered = pulses.filter((p) => p.score !== null);
  const surveys = await db.select().from(surveyResponses).where(inArray(surveyResponses.matchId, matchIds));
  const recommend = surveys.flatMap((s) => (s.recommend === null ? [] : [s.recommend]));

  return {
    program: {
      id: program.id,
      name: program.name,
      status: program.status,
      startsOn: program.startsOn,
      endsOn: program.endsOn,
    },
    generatedAt: now.toISOString(),
    enrolment: {
      total: people.length,
      byStatus: tally(people.map((p) => p.status)),
      byCareerStage: tally(people.map((p) => p.careerStage)),
    },
    matches: {
      total: programMatches.length,
      byStatus: tally(programMatches.map((m) => m.status)),
      closeReasons: tally(programMatches.flatMap((m) => (m.closeReason ? [m.closeReason] : []))),
      compatibility: {
        mean: mean(scores),
        min: quantile(scores, 0),
        median: quantile(scores, 0.5),
        max: quantile(scores, 1),
        histogram: histogram(scores),
      },
    },
    activity: await activityOverTime(db, program, programMatches, matchIds, now),
    reciprocity: await reciprocity(db, programId),
    checkIns: {
      sent: pulses.length,
      answered: answered.length,
      responseRate: pulses.length ? round(answered.length / pulses.length) : null,
      averageScore: mean(answered.map((p) => p.score!)),
    },
    survey: {
      responses: surveys.length,
      averageSatisfaction: mean(surveys.flatMap((s) => (s.satisfaction === null ? [] : [s.satisfaction]))),
      nps: netPromoterScore(recommend),
      recommendAnswers: recommend.length,
      learned: surveys.flatMap((s) => (s.learned ? [s.learned] : [])),
      taught: surveys.flatMap((s) => (s.taught ? [s.taught] : [])),
    },
    partnership: await partnershipReport(db, programMatches, matchIds),
  };
}

type MatchRow = typeof matches.$inferSelect;

/** Week by week: how many running pairs were active (or dormant). */
async function activityOverTime(
  db: Db,
  program: typeof programs.$inferSelect,
  programMatches: MatchRow[],
  matchIds: string[],
  now: Date,
): Promise<ProgramReport['activity']> {
  const started = programMatches.flatMap((m) => (m.startedAt ? [m.startedAt.getTime()] : []));
  if (started.length === 0) return { source: 'messages', weeks: [] };
  // Weeks start at midnight UTC so that daily health snapshots fall into whole weeks.
  const first = Math.floor(Math.min(...started) / DAY) * DAY;
  const last = Math.min(
    now.getTime(),
    Math.max(...programMatches.map((m) => m.closedAt?.getTime() ?? now.getTime())),
  );
  const weekStarts: number[] = [];
  for (let t = first; t <= last && weekStarts.length < 520; t += 7 * DAY) weekStarts.push(t);
  const runningAt = (m: MatchRow, t: number) =>
    m.startedAt !== null && m.startedAt.getTime() <= t && (m.closedAt === null || m.closedAt.getTime() > t);

  // The health model's daily snapshot is the better judge of a week; where a running pair has none
  // that week, fall back to: active when a member wrote in the cadence period ending that week.
  const snapshots = await db
    .select({ matchId: healthSnapshots.matchId, day: healthSnapshots.day, status: healthSnapshots.status })
    .from(healthSnapshots)
    .where(inArray(healthSnapshots.matchId, matchIds));
  const rows = await queryRows<{ match_id: string; sent_at: string | Date }>(
    db,
    sql`select match_id, sent_at from messages
        where program_id = ${program.id} and match_id is not null and not auto_reply and not bounce`,
  );
  const sentByMatch = new Map<string, number[]>();
  for (const row of rows) {
    const list = sentByMatch.get(row.match_id) ?? [];
    list.push(new Date(row.sent_at).getTime());
    sentByMatch.set(row.match_id, list);
  }
  const latestStatusIn = (matchId: string, start: number, end: number) => {
    let latest: { day: string; status: string } | undefined;
    for (const s of snapshots) {
      if (s.matchId !== matchId) continue;
      const day = new Date(`${s.day}T00:00:00Z`).getTime();
      if (day >= start && day < end && (!latest || latest.day < s.day)) latest = s;
    }
    return latest?.status;
  };
  let fromSnapshots = 0;
  let fromMessages = 0;
  const weeks = weekStarts.map((start) => {
    const end = Math.min(start + 7 * DAY, now.getTime());
    let active = 0;
    let dormant = 0;
    for (const m of programMatches) {
      if (!runningAt(m, end - 1)) continue;
      const status = latestStatusIn(m.id, start, start + 7 * DAY);
      let isDormant: boolean;
      if (status !== undefined) {
        fromSnapshots++;
        if (status === 'closed') continue;
        isDormant = status === 'dormant';
      } else {
        fromMessages++;
        const window = (m.agreedCadenceDays ?? program.cadenceDays) * DAY;
        isDormant = !(sentByMatch.get(m.id) ?? []).some((t) => t <= end && t > end - window);
      }
      if (isDormant) dormant++;
      else active++;
    }
    return { weekStart: new Date(start).toISOString().slice(0, 10), active, dormant };
  });
  const source = fromSnapshots === 0 ? 'messages' : fromMessages === 0 ? 'health_snapshots' : 'mixed';
  return { source, weeks };
}

/** Balance per match: the least active member's message count over the most active's (1 = even). */
async function reciprocity(db: Db, programId: string): Promise<ProgramReport['reciprocity']> {
  const rows = await queryRows<{ match_id: string; user_id: string; sent: number | string }>(
    db,
    sql`select mm.match_id, mm.user_id, count(m.id) as sent
        from match_members mm
        join matches ma on ma.id = mm.match_id and ma.program_id = ${programId}
        join users u on u.id = mm.user_id
        left join messages m on m.match_id = mm.match_id and lower(m.from_address) = u.email
             and not m.auto_reply and not m.bounce
        group by mm.match_id, mm.user_id`,
  );
  const byMatch = new Map<string, number[]>();
  for (const row of rows) byMatch.set(row.match_id, [...(byMatch.get(row.match_id) ?? []), Number(row.sent)]);
  const withMessages = [...byMatch.values()].filter((counts) => counts.some((c) => c > 0));
  return {
    matchesWithMessages: withMessages.length,
    twoWayMatches: withMessages.filter((counts) => counts.filter((c) => c > 0).length >= 2).length,
    meanBalance: mean(withMessages.map((counts) => Math.min(...counts) / Math.max(...counts))),
  };
}
