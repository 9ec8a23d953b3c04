// The documented CSV header set for importing participants, and the validation of one row.
// Pure functions: no database, so every rule is unit-tested on its own.

export const csvColumns = [
  'email',
  'name',
  'time_zone',
  'career_stage',
  'skills_offered',
  'skills_sought',
  'goals',
  'team',
  'languages',
  'exclusions',
] as const;
export type CsvColumn = (typeof csvColumns)[number];

export const requiredColumns: readonly CsvColumn[] = ['email', 'name', 'career_stage'];
const listColumns = new Set<CsvColumn>([
  'skills_offered',
  'skills_sought',
  'goals',
  'languages',
  'exclusions',
]);

/** "Time zone", "time-zone" and "TIME_ZONE" all name the column time_zone. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const emailPattern = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 320 && emailPattern.test(value);
}

const knownZones = new Map<string, boolean>();

/** IANA time zone check through Intl (cached: 50,000 rows share a handful of zones). */
export function isTimeZone(value: string): boolean {
  let known = knownZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(value, known);
  }
  return known;
}

/** A list cell: values separated by `;`, trimmed, empty ones dropped, duplicates removed. */
export function splitList(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(';')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

export interface ParticipantProfile {
  email: string;
  name: string;
  timeZone: string;
  careerStage: string;
  skillsOffered: string[];
  skillsSought: string[];
  goals: string[];
  team: string | null;
  languages: string[];
  exclusions: string[];
}

export type RowResult = { ok: true; profile: ParticipantProfile } | { ok: false; reasons: string[] };

const MAX_CELL = 2000;

/** Validates one row given as column → cell (columns already normalised). */
export function validateRow(row: Partial<Record<CsvColumn, string>>): RowResult {
  const reasons: string[] = [];
  const cell = (column: CsvColumn) => (row[column] ?? '').trim();
  for (const column of requiredColumns) if (!cell(column)) reasons.push(`${column} is missing`);
  for (const column of csvColumns) {
    if (cell(column).length > MAX_CELL) reasons.push(`${column} is longer than ${MAX_CELL} characters`);
  }
  const email = cell('email').toLowerCase();
  if (email && !isEmail(email)) reasons.push(`email "${email}" is not an email address`);
  const timeZone = cell('time_zone') || 'UTC';
  if (!isTimeZone(timeZone)) reasons.push(`time_zone "${timeZone}" is not a known time zone`);
  const list = (column: CsvColumn) => (listColumns.has(column) ? splitList(cell(column)) : []);
  const exclusions = list('exclusions').map((value) => value.toLowerCase());
  for (const excluded of exclusions) {
    if (!isEmail(excluded)) reasons.push(`exclusions: "${excluded}" is not an email address`);
  }
  if (exclusions.includes(email)) reasons.push('exclusions lists the participant themself');
  if (reasons.length) return { ok: false, reasons };
  return {
    ok: true,
    profile: {
      email,
      name: cell('name'),
      timeZone,
      careerStage: cell('career_stage').toLowerCase(),
      skillsOffered: list('skills_offered'),
      skillsSought: list('skills_sought'),
      goals: list('goals'),
      team: cell('team') || null,
      languages: list('languages'),
      exclusions,
    },
  };
}
