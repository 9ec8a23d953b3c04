// A demo organisation with one running program, ~40 participants with varied profiles and a few weeks of
// synthetic thread history (metadata only, as real ingest stores it), so every screen has something to show.
import { randomBytes } from 'node:crypto';
import { type Random, seededRandom } from '@peerpost/shared';
import { count } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  checkIns,
  matches,
  matchMembers,
  memberships,
  messages,
  organisations,
  participants,
  programCoordinators,
  programs,
  threads,
  users,
} from '../db/schema';

const firstNames = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Eun-ji',
  'Farid',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Lars',
  'Mina',
  'Nikhil',
  'Olga',
  'Pablo',
  'Qing',
  'Rosa',
  'Sami',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Amara',
  'Bruno',
  'Carmen',
  'Dmitri',
  'Elif',
  'Femi',
  'Gita',
  'Hugo',
  'Ingrid',
  'Jamal',
  'Kaito',
  'Leila',
  'Mateo',
  'Nora',
];
const lastNames = ['Silva', 'Okafor', 'Martin', 'Patel', 'Kim', 'Haddad', 'Berg', 'Tanaka', 'Costa', 'Weber'];
const careerStages = ['early-career', 'mid-career', 'senior'] as const;
const skills = [
  'SQL',
  'public speaking',
  'data visualisation',
  'negotiation',
  'Python',
  'product discovery',
  'writing',
  'hiring',
  'accessibility',
  'budgeting',
  'user research',
  'cloud costs',
  'giving feedback',
  'Spanish',
];
const goals = ['lead a team', 'change careers', 'get promoted', 'speak at a conference', 'grow a network'];
const teams = ['Platform', 'Design', 'Sales', 'Research', 'Finance', 'Support'];
const timeZones = [
  'Europe/Lisbon',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'Asia/Tokyo',
  'Africa/Lagos',
];

/** Thread personalities the demo spreads across its pairs, so health shows every status. */
const patterns = [
  'lively',
  'lively',
  'balanced',
  'one-sided',
  'slowing',
  'quiet',
  'auto-reply-only',
  'new',
] as const;
type Pattern = (typeof patterns)[number];

export interface DemoSummary {
  organisationId: string;
  programId: string;
  programName: string;
  participants: number;
  matches: number;
  messages: number;
}

export interface DemoOptions {
  programAddress: string;
  /** Load only when the database has no organisation yet (first run of `npm start`). */
  ifEmpty?: boolean;
  participants?: number;
  seed?: number;
  now?: Date;
}

const DAY = 86_400_000;

export async function loadDemo(db: Db, options: DemoOptions): Promise<DemoSummary | undefined> {
  if (options.ifEmpty) {
    const [row] = await db.select({ n: count() }).from(organisations);
    if ((row?.n ?? 0) > 0) return undefined;
  }
  const random = seededRandom(options.seed ?? 2026);
  const now = options.now ?? new Date();
  const size = options.participants ?? 40;
  const domain = options.programAddress.split('@')[1] ?? 'peerpost.localhost';
  const suffix = randomBytes(3).toString('hex');

  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({ name: 'Northwind Learning (demo)', slug: `demo-${suffix}` })
      .returning();
    const [program] = await tx
      .insert(programs)
      .values({
        organisationId: org!.id,
        name: 'Peer Mentoring Circle',
        slug: 'peer-circle',
        goal: 'Pair colleagues at the same career stage to teach each other one skill each this season.',
        status: 'running',
        cadenceDays: 14,
        startsOn: new Date(now.getTime() - 42 * DAY).toISOString().slice(0, 10),
        endsOn: new Date(now.getTime() + 120 * DAY).toISOString().slice(0, 10),
        address: options.programAddress,
      })
      .returning();

    const staff = await tx
      .insert(users)
      .values([
        { email: `admin+${suffix}@demo.peerpost.localhost`, name: 'Avery Admin', timeZone: 'Europe/London' },
        {
          email: `coordinator+${suffix}@demo.peerpost.localhost`,
          name: 'Casey Coordinator',
          timeZone: 'Europe/London',
        },
      ])
      .returning();
    await tx.insert(memberships).values([
      { organisationId: org!.id, userId: staff[0]!.id, role: 'admin' },
      { organisationId: org!.id, userId: staff[1]!.id, role: 'coordinator' },
    ]);
    await tx.insert(programCoordinators).values({ programId: program!.id, userId: staff[1]!.id });

    const people = await tx
      .insert(users)
      .values(
        Array.from({ length: size }, (_, i) => {
          const first = firstNames[i % firstNames.length]!;
          const last = lastNames[(i * 7) % lastNames.length]!;
          return {
            email: `${first
              .toLowerCase()
              .normalize('NFD')
              .replace(/[^a-z]/g, '')}.${last.toLowerCase()}.${i}+${suffix}@demo.peerpost.localhost`,
            name: `${first} ${last}`,
            timeZone: random.pick(timeZones),
          };
        }),
      )
      .returning();
    await tx.insert(memberships).values(
      people.map((person) => ({
        organisationId: org!.id,
        userId: person.id,
        role: 'participant' as const,
      })),
    );
    const profiles = await tx
      .insert(participants)
      .values(
        people.map((person, i) => ({
          programId: program!.id,
          userId: person.id,
          careerStage: careerStages[Math.floor((i / size) * careerStages.length)]!,
          skillsOffered: random.sample(skills, random.int(1, 4)),
          skillsSought: random.sample(skills, random.int(1, 3)),
          goals: random.sample(goals, random.int(1, 3)),
          team: random.pick(teams),
          languages: random.chance(0.3) ? ['en', 'es'] : ['en'],
          availability: { start: 9, end: 17 },
          confirmedAt: new Date(now.getTime() - 50 * DAY),
          sharing: { careerStage: true, skillsOffered: true, skillsSought: true, goals: true, team: true },
        })),
      )
      .returning();

    // Neighbours in the list share a career stage, so consecutive pairs are peers.
    let messageCount = 0;
    let matchCount = 0;
    for (let i = 0; i + 1 < profiles.length; i += 2) {
      const pair = [profiles[i]!, profiles[i + 1]!];
      const pairUsers = [people[i]!, people[i + 1]!];
      const startedAt = new Date(now.getTime() - random.int(20, 42) * DAY);
      const pattern = patterns[matchCount % patterns.length]!;
      const [match] = await tx
        .insert(matches)
        .values({
          programId: program!.id,
          status: 'active',
          token: randomBytes(6)
            .toString('base64url')
            .toLowerCase()
            .replace(/[^a-z0-9]/g, 'x'),
          compatibility: Math.round(random.next() * 40 + 50),
          explanation: [
            `both ${pair[0]!.careerStage}`,
            `${pairUsers[0]!.name.split(' ')[0]} can teach ${pair[0]!.skillsOffered[0]}`,
            `${pairUsers[1]!.name.split(' ')[0]} can teach ${pair[1]!.skillsOffered[0]}`,
          ],
          approvedAt: startedAt,
          startedAt,
        })
        .returning();
      matchCount++;
      await tx.insert(matchMembers).values(
        pair.map((profile, k) => ({
          matchId: match!.id,
          participantId: profile.id,
          userId: pairUsers[k]!.id,
        })),
      );
      const rootMessageId = `<intro.${match!.id}@${domain}>`;
      const [thread] = await tx
        .insert(threads)
        .values({ matchId: match!.id, subject: 'Meet your Peerpost peer', rootMessageId })
        .returning();
      const history = syntheticHistory(random, pattern, startedAt, now);
      if (history.length > 0) {
        await tx.insert(messages).values(
          history.map((entry, k) => ({
            programId: program!.id,
            matchId: match!.id,
            threadId: thread!.id,
            messageId: `<demo.${match!.id}.${k}@${domain}>`,
            inReplyTo: k === 0 ? rootMessageId : `<demo.${match!.id}.${k - 1}@${domain}>`,
            references: [rootMessageId],
            fromAddress: pairUsers[entry.member]!.email,
            toAddresses: [pairUsers[1 - entry.member]!.email],
            ccAddresses: [options.programAddress],
            subject: 'Re: Meet your Peerpost peer',
            sentAt: entry.at,
            sizeBytes: 800 + entry.newTextChars * 2,
            newTextChars: entry.newTextChars,
            questionCount: entry.questions,
            answersQuestion:
              k > 0 && history[k - 1]!.questions > 0 && history[k - 1]!.member !== entry.member,
            autoReply: entry.autoReply,
            attribution: 'plus' as const,
          })),
        );
        messageCount += history.length;
      }
      if (pattern !== 'new') {
        await tx.insert(checkIns).values(
          pairUsers.map((user) => ({
            matchId: match!.id,
            userId: user.id,
            dueAt: new Date(now.getTime() - 7 * DAY),
            score: pattern === 'lively' || pattern === 'balanced' ? random.int(4, 6) : random.int(1, 4),
            answeredAt: new Date(now.getTime() - 6 * DAY),
          })),
        );
      }
    }
    return {
      organisationId: org!.id,
      programId: program!.id,
      programName: program!.name,
      participants: profiles.length,
      matches: matchCount,
      messages: messageCount,
    };
  });
}

interface SyntheticMessage {
  member: 0 | 1;
  at: Date;
  newTextChars: number;
  questions: number;
  autoReply: boolean;
}

function syntheticHistory(random: Random, pattern: Pattern, startedAt: Date, now: Date): SyntheticMessage[] {
  const history: SyntheticMessage[] = [];
  const span = now.getTime() - startedAt.getTime();
  const add = (
    fraction: number,
    member: 0 | 1,
    newTextChars: number,
    questions: number,
    autoReply = false,
  ) => {
    history.push({
      member,
      at: new Date(startedAt.getTime() + fraction * span),
      newTextChars,
      questions,
      autoReply,
    });
  };
  switch (pattern) {
    case 'lively':
    case 'balanced': {
      const exchanges = pattern === 'lively' ? random.int(12, 20) : random.int(6, 10);
      for (let k = 0; k < exchanges; k++) {
        add((k + random.next() * 0.5) / exchanges, (k % 2) as 0 | 1, random.int(300, 1500), random.int(0, 3));
      }
      break;
    }
    case 'one-sided':
      for (let k = 0; k < 8; k++) {
        const member = (k % 3 === 2 ? 1 : 0) as 0 | 1;
        add(
          (k + 0.5) / 8,
          member,
          member === 0 ? random.int(800, 2000) : random.int(20, 80),
          member === 0 ? 2 : 0,
        );
      }
      break;
    case 'slowing':
      for (let k = 0; k < 6; k++) add(((k + 1) / 6) ** 2 * 0.6, (k % 2) as 0 | 1, random.int(200, 900), 1);
      break;
    case 'quiet':
      add(0.05, 0, 600, 2);
      add(0.12, 1, 400, 1);
      break;
    case 'auto-reply-only':
      add(0.1, 0, 500, 1);
      add(0.11, 1, 120, 0, true);
      break;
    case 'new':
      break;
  }
  return history.sort((a, b) => a.at.getTime() - b.at.getTime());
}
