// The whole Peerpost domain as Drizzle tables (PostgreSQL dialect, shared by PGlite and PostgreSQL).
// Migrations in ../../drizzle are generated from this file with `npm run db:generate`.
import type { ParsedGoal } from '@peerpost/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });
const textList = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

export const organisations = pgTable('organisations', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  createdAt: createdAt(),
});

/** A person. Email is stored lower-cased and is unique across the installation. */
export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('UTC'),
  /** Local hour (0–23) when quiet hours start and end; nudges are never sent inside them. */
  quietHoursStart: smallint('quiet_hours_start').notNull().default(21),
  quietHoursEnd: smallint('quiet_hours_end').notNull().default(8),
  nudgesOptOut: boolean('nudges_opt_out').notNull().default(false),
  createdAt: createdAt(),
});

export const roles = ['participant', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('memberships_org_user_role').on(t.organisationId, t.userId, t.role)],
);

export const programStatuses = ['draft', 'enrolling', 'matching', 'running', 'closing', 'closed'] as const;
export type ProgramStatus = (typeof programStatuses)[number];

export const programs = pgTable(
  'programs',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    goal: text('goal').notNull().default(''),
    status: text('status', { enum: programStatuses }).notNull().default('draft'),
    /** Expected exchange every N days. */
    cadenceDays: integer('cadence_days').notNull().default(14),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    /** 2 for pairs, 3 for peer groups. */
    pairSize: smallint('pair_size').notNull().default(2),
    matchingWeights: jsonb('matching_weights').$type<Record<string, number>>().notNull().default({}),
    healthSettings: jsonb('health_settings').$type<Record<string, unknown>>().notNull().default({}),
    checkInEveryDays: integer('check_in_every_days').notNull().default(14),
    relayMode: boolean('relay_mode').notNull().default(false),
    storeBodies: boolean('store_bodies').notNull().default(false),
    /** The program's own address, e.g. mentoring@example.org; pair addresses are plus-addresses of it. */
    address: text('address').notNull(),
    /** Name of the mailbox configuration (IMAP/SMTP credentials live in config, never in the database). */
    mailboxKey: text('mailbox_key').notNull().default('default'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('programs_org_slug').on(t.organisationId, t.slug)],
);

export const programCoordinators = pgTable(
  'program_coordinators',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.programId, t.userId] })],
);

export const participantStatuses = ['pending', 'active', 'left', 'removed'] as const;

/** A person's profile within one program: what matching works from. */
export const participants = pgTable(
  'participants',
  {
    id: id(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: participantStatuses }).notNull().default('active'),
    careerStage: text('career_stage').notNull(),
    skillsOffered: textList('skills_offered'),
    skillsSought: textList('skills_sought'),
    goals: textList('goals'),
    team: text('team'),
    languages: textList('languages'),
    /** Local working hours, e.g. {"start": 9, "end": 17}. */
    availability: jsonb('availability').$type<{ start: number; end: number }>(),
    /** Emails of people this participant must never be matched with. */
    exclusions: textList('exclusions'),
    /** Which profile fields the partner may see in the sidebar. */
    sharing: jsonb('sharing').$type<Record<string, boolean>>().notNull().default({}),
    confirmedAt: at('confirmed_at'),
    /** Set when the participant asked for a new match (their partner left): the next matching round takes them. */
    rematchRequestedAt: at('rematch_requested_at'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('participants_program_user').on(t.programId, t.userId)],
);

export const matchStatuses = ['proposed', 'approved', 'active', 'closed'] as const;
export type MatchStatus = (typeof matchStatuses)[number];

/** A pair or a group of three. */
export const matches = pgTable(
  'matches',
  {
    id: id(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    status: text('status', { enum: matchStatuses }).notNull().default('proposed'),
    /** Plus-address token: program+p-<token>@domain. */
    token: text('token').notNull().unique(),
    compatibility: real('compatibility').notNull().default(0),
    explanation: jsonb('explanation').$type<string[]>().notNull().default([]),
    pinned: boolean('pinned').notNull().default(false),
    keepOpen: boolean('keep_open').notNull().default(false),
    /** Cadence the pair agreed on (overrides the program's once both accepted). */
    agreedCadenceDays: integer('agreed_cadence_days'),
    healthScore: smallint('health_score'),
    healthStatus: text('health_status'),
    healthReasons: jsonb('health_reasons').$type<string[]>(),
    /** When the stored health last changed: a recompute that finds the same health writes nothing. */
    healthComputedAt: at('health_computed_at'),
    approvedAt: at('approved_at'),
    startedAt: at('started_at'),
    closedAt: at('closed_at'),
    closeReason: text('close_reason'),
    /** When the "this partnership closes in 7 days" notice went out; cleared when the pair keeps going. */
    conclusionNoticeAt: at('conclusion_notice_at'),
    /** Last "keep going" click: restarts the dormancy clock like a real message does. */
    keptGoingAt: at('kept_going_at'),
    createdAt: createdAt(),
  },
  (t) => [index('matches_program_status').on(t.programId, t.status)],
);

export const matchMembers = pgTable(
  'match_members',
  {
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    leftAt: at('left_at'),
  },
  (t) => [primaryKey({ columns: [t.matchId, t.participantId] }), index('match_members_user').on(t.userId)],
);

/** Coordinator decisions that matching must respect. */
export const matchConstraints = pgTable(
  'match_constraints',
  {
    id: id(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['pin', 'block'] }).notNull(),
    participantA: uuid('participant_a')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    participantB: uuid('participant_b')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('match_constraints_pair').on(t.programId, t.participantA, t.participantB)],
);

export const threads = pgTable(
  'threads',
  {
    id: id(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    rootMessageId: text('root_message_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('threads_match').on(t.matchId), uniqueIndex('threads_root').on(t.rootMessageId)],
);

/**
 * Message metadata only. `body` is filled only when the program opts in to storing bodies.
 * `program_id`, `match_id` and `thread_id` reference programs, matches and threads as foreign keys would
 * (deleting a program or match deletes its messages; deleting a thread clears `thread_id`), but the
 * references are checked once per statement by triggers (migration 0012), not once per row: ingest inserts
 * thousands of rows per statement, and per-row checks cost more than the insert itself.
 */
export const messages = pgTable(
  'messages',
  {
    id: id(),
    programId: uuid('program_id').notNull(),
    matchId: uuid('match_id'),
    threadId: uuid('thread_id'),
    messageId: text('message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: textList('references'),
    fromAddress: text('from_address').notNull(),
    toAddresses: textList('to_addresses'),
    ccAddresses: textList('cc_addresses'),
    subject: text('subject').notNull().default(''),
    sentAt: at('sent_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
    sizeBytes: integer('size_bytes').notNull().default(0),
    newTextChars: integer('new_text_chars').notNull().default(0),
    questionCount: integer('question_count').notNull().default(0),
    answersQuestion: boolean('answers_question').notNull().default(false),
    autoReply: boolean('auto_reply').notNull().default(false),
    bounce: boolean('bounce').notNull().default(false),
    /** How the message was attributed: plus-token, references, participants, or null (unmatched). */
    attribution: text('attribution', { enum: ['plus', 'references', 'participants'] }),
    mailboxKey: text('mailbox_key'),
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    uid: bigint('uid', { mode: 'number' }),
    body: text('body'),
  },
  (t) => [
    uniqueIndex('messages_program_message_id').on(t.programId, t.messageId),
    index('messages_match_sent').on(t.matchId, t.sentAt),
  ],
);

/**
 * Health's compact copy of each match (metadata only): its thread, current members and answered check-ins,
 * kept exact by triggers on `messages`, `match_members`, `users` and `check_ins` (see the migrations that add
 * this table and its people): a full recompute reads one row per match instead of every message and person.
 * A match has a row while it has any message, member or check-in.
 */
export const matchThreads = pgTable('match_threads', {
  matchId: uuid('match_id')
    .primaryKey()
    .references(() => matches.id, { onDelete: 'cascade' }),
  /** Distinct lower-cased sender addresses; the thread refers to them by position. */
  senders: textList('senders'),
  /**
   * Five numbers per message, oldest first, comma-separated: sender position, sent at (epoch ms), new text
   * chars, questions, flags (1 auto-reply, 2 bounce). Numbers only, so hostile addresses never need escaping.
   */
  thread: text('thread').notNull().default(''),
  /** [user id, email, name] of current members, by lower-cased email (JSON escapes what people typed). */
  members: json('members').$type<[string, string, string][]>().notNull().default([]),
  /** [email, answered at (epoch ms), score] of answered check-ins, oldest first. */
  checkIns: json('check_ins').$type<[string, number, number][]>().notNull().default([]),
});

/** Mail that could not be parsed: kept with the reason, never dropped. */
export const quarantine = pgTable('quarantine', {
  id: id(),
  mailboxKey: text('mailbox_key').notNull(),
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  uid: bigint('uid', { mode: 'number' }),
  reason: text('reason').notNull(),
  raw: bytea('raw'),
  createdAt: createdAt(),
});

export const checkIns = pgTable(
  'check_ins',
  {
    id: id(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dueAt: at('due_at').notNull(),
    /** 1–5 pulse; null until answered. */
    score: smallint('score'),
    comment: text('comment'),
    goalProgress: jsonb('goal_progress').$type<Record<string, 'not_started' | 'moving' | 'done'>>(),
    answeredAt: at('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [index('check_ins_match').on(t.matchId)],
);

/** A program's prompt curriculum (copied from the built-in library, editable by coordinators). */
export const prompts = pgTable(
  'prompts',
  {
    id: id(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    stage: text('stage').notNull(),
    week: integer('week').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
  },
  (t) => [uniqueIndex('prompts_program_key').on(t.programId, t.key)],
);

export const promptsSent = pgTable(
  'prompts_sent',
  {
    id: id(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    promptKey: text('prompt_key').notNull(),
    outboxJobId: bigint('outbox_job_id', { mode: 'number' }),
    sentAt: at('sent_at').notNull().defaultNow(),
    usedAt: at('used_at'),
  },
  (t) => [uniqueIndex('prompts_sent_match_key').on(t.matchId, t.promptKey)],
);

export const nudges = pgTable(
  'nudges',
  {
    id: id(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    /** Recipient: a member or a coordinator. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    audience: text('audience', { enum: ['member', 'coordinator'] }).notNull(),
    kind: text('kind').notNull(),
    /** Why it was sent, in plain words. */
    reason: text('reason').notNull(),
    /** The same situation never nudges twice. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    outboxJobId: bigint('outbox_job_id', { mode: 'number' }),
    snoozedUntil: at('snoozed_until'),
    createdAt: createdAt(),
  },
  (t) => [index('nudges_user_created').on(t.userId, t.createdAt)],
);

export const healthSnapshots = pgTable(
  'health_snapshots',
  {
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    score: smallint('score').notNull(),
    status: text('status').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.matchId, t.day] })],
);

export const agreements = pgTable('agreements', {
  matchId: uuid('match_id')
    .primaryKey()
    .references(() => matches.id, { onDelete: 'cascade' }),
  cadenceDays: integer('cadence_days').notNull(),
  acceptedBy: jsonb('accepted_by').$type<Record<string, string>>().notNull().default({}),
  createdAt: createdAt(),
});

export const goals = pgTable(
  'goals',
  {
    id: id(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['learn', 'offer'] }).notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['not_started', 'moving', 'done'] })
      .notNull()
      .default('not_started'),
    createdAt: createdAt(),
  },
  (t) => [index('goals_match').on(t.matchId)],
);

export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    satisfaction: smallint('satisfaction'),
    recommend: smallint('recommend'),
    learned: text('learned'),
    taught: text('taught'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('survey_match_user').on(t.matchId, t.userId)],
);

export const outboxStatuses = ['queued', 'sending', 'sent', 'dead'] as const;

/** Durable outbox: every outgoing mail is a row, written in the transaction that caused it. */
export const outboxJobs = pgTable(
  'outbox_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** e.g. intro:<match>:<person>; a key is never sent twice. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'set null' }),
    purpose: text('purpose').notNull(),
    fromAddress: text('from_address').notNull(),
    toAddresses: textList('to_addresses'),
    ccAddresses: textList('cc_addresses'),
    replyTo: text('reply_to'),
    messageId: text('message_id').notNull().unique(),
    inReplyTo: text('in_reply_to'),
    references: textList('references'),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    status: text('status', { enum: outboxStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    sentAt: at('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt)],
);

export const undeliverableAddresses = pgTable('undeliverable_addresses', {
  address: text('address').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});

export const mailboxSync = pgTable('mailbox_sync', {
  mailboxKey: text('mailbox_key').primaryKey(),
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  lastSyncAt: at('last_sync_at'),
  lastMessageAt: at('last_message_at'),
  /** Messages above last_uid that the server reported at the last checkpoint: fetched-but-not-yet-ingested. */
  pendingMessages: integer('pending_messages'),
});

/**
 * Follow-up work an ingest batch owes (keep-open, health, stated goals), written in the same transaction
 * as the batch's messages and deleted once the hooks have run for it: a crash between the two leaves the
 * row, and the mailbox's next sync runs it. `attempts` counts failed runs, retried with backoff; after
 * `followUpRetry.maxAttempts` (see mail/ingest/follow-ups.ts) the row is left alone for an operator.
 */
export const ingestFollowUps = pgTable('ingest_follow_ups', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  mailboxKey: text('mailbox_key').notNull(),
  /** [match id, time of its latest real message (ISO)] per engaged match. */
  engaged: jsonb('engaged').$type<[string, string][]>().notNull(),
  /** Goal lines members stated, in message order (only these; never the message text). */
  statedGoals: jsonb('stated_goals')
    .$type<{ matchId: string; fromAddress: string; goals: ParsedGoal[] }[]>()
    .notNull()
    .default([]),
  attempts: integer('attempts').notNull().default(0),
  /** A failed run is retried from this time on (backoff); a new row is due at once. */
  nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
  createdAt: createdAt(),
});

/** Database leases so that only one process runs a given job (mailbox sync, scheduler tick). */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  expiresAt: at('expires_at').notNull(),
});

/** One-time sign-in codes and signed email-link tokens; only hashes are stored. */
export const loginTokens = pgTable(
  'login_tokens',
  {
    id: id(),
    email: text('email').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull().unique(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('login_tokens_email').on(t.email)],
);

/** Long-lived API tokens (extension) and cookie sessions; only a hash and a short prefix are stored. */
export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['api', 'session'] }).notNull(),
  name: text('name').notNull().default(''),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  lastUsedAt: at('last_used_at'),
  expiresAt: at('expires_at'),
  revokedAt: at('revoked_at'),
  createdAt: createdAt(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_org_created').on(t.organisationId, t.createdAt)],
);
