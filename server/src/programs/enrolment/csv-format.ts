// The enrolment CSV format: one participant per row. Header names are matched loosely (case, spaces,
// underscores and hyphens do not matter); list cells are separated by ";".
import Papa from 'papaparse';
import { z } from 'zod';

export const csvColumns = {
  email: { required: true, list: false, description: 'Email address (unique per program)' },
  name: { required: true, list: false, description: 'Full name' },
  timeZone: { required: false, list: false, description: 'IANA time zone, e.g. Europe/Berlin (default UTC)' },
  careerStage: { required: true, list: false, description: 'e.g. early-career, mid-career, senior' },
  skillsOffered: { required: false, list: true, description: 'What this person can teach' },
  skillsSought: { required: false, list: true, description: 'What this person wants to learn' },
  goals: { required: false, list: true, description: 'Goals for the program' },
  team: { required: false, list: false, description: 'Team or department' },
  languages: { required: false, list: true, description: 'Languages spoken, e.g. en;es (default en)' },
  exclusions: { required: false, list: true, description: 'Emails of people never to be paired with' },
} as const;

export type CsvColumn = keyof typeof csvColumns;

const normalise = (header: string) => header.toLowerCase().replace(/[\s_-]+/g, '');
const headerAliases = new Map<string, CsvColumn>(
  (Object.keys(csvColumns) as CsvColumn[]).map((column) => [normalise(column), column]),
);
headerAliases.set('timezone', 'timeZone');
headerAliases.set('tz', 'timeZone');
headerAliases.set('stage', 'careerStage');
headerAliases.set('offers', 'skillsOffered');
headerAliases.set('seeks', 'skillsSought');
headerAliases.set('language', 'languages');
headerAliases.set('exclude', 'exclusions');

// Building an Intl formatter per row is slow on large files; the same few zones repeat.
const knownTimeZones = new Map<string, boolean>();
function isTimeZone(value: string): boolean {
  let known = knownTimeZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(value, known);
  }
  return known;
}

/** A "; "-separated cell as a list without blanks or repeats. */
function splitList(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(';')
        .map((item) => item.trim().slice(0, 200))
        .filter(Boolean),
    ),
  ];
}

export interface EnrolmentRow {
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

// Hand-written rather than a zod object: this runs once per row on files of 50,000 rows and more.
function validateRow(raw: Record<CsvColumn, string>): { row: EnrolmentRow } | { reasons: string[] } {
  const reasons: string[] = [];
  const email = raw.email.trim().toLowerCase();
  if (email.length > 254 || !z.regexes.email.test(email)) reasons.push('email is not a valid email address');
  const name = raw.name.trim();
  if (!name) reasons.push('name is required');
  else if (name.length > 200) reasons.push('name is longer than 200 characters');
  const timeZone = raw.timeZone.trim() || 'UTC';
  if (!isTimeZone(timeZone))
    reasons.push('timeZone is not a known time zone (use an IANA name such as Europe/Berlin)');
  const careerStage = raw.careerStage.trim().toLowerCase();
  if (!careerStage) reasons.push('careerStage is required');
  else if (careerStage.length > 100) reasons.push('careerStage is longer than 100 characters');
  const team = raw.team.trim().slice(0, 200) || null;
  if (reasons.length > 0) return { reasons };
  const languages = splitList(raw.languages).map((language) => language.toLowerCase());
  return {
    row: {
      email,
      name,
      timeZone,
      careerStage,
      skillsOffered: splitList(raw.skillsOffered),
      skillsSought: splitList(raw.skillsSought),
      goals: splitList(raw.goals),
      team,
      languages: languages.length > 0 ? languages : ['en'],
      exclusions: splitList(raw.exclusions).map((address) => address.toLowerCase()),
    },
  };
}

export interface RowProblem {
  /** 1-based line number in the file where the row starts. */
  line: number;
  reason: string;
}

export interface ParsedEnrolment {
  rows: Array<EnrolmentRow & { line: number }>;
  problems: RowProblem[];
  /** Columns the file has that Peerpost does not know; they are ignored. */
  unknownColumns: string[];
}

/** Parses and validates a whole file; never throws on bad rows, it reports them by line. */
export function parseEnrolmentCsv(text: string): ParsedEnrolment {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: Array<{ cells: string[]; line: number }> = [];
  const problems: RowProblem[] = [];
  let line = 1;
  let consumed = 0;
  Papa.parse<string[]>(source, {
    skipEmptyLines: false,
    step(result) {
      const cursor = result.meta.cursor;
      const rowText = source.slice(consumed, cursor);
      for (const error of result.errors) problems.push({ line, reason: `malformed CSV: ${error.message}` });
      if (result.data.some((cell) => cell.trim() !== '')) records.push({ cells: result.data, line });
      line += countLineBreaks(rowText);
      consumed = cursor;
    },
  });
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, reason: 'the file is empty' }], unknownColumns: [] };
  const columns = header.cells.map((cell) => headerAliases.get(normalise(cell)));
  const unknownColumns = header.cells.filter((_, i) => !columns[i]).map((cell) => cell.trim());
  const missing = (Object.keys(csvColumns) as CsvColumn[]).filter(
    (column) => csvColumns[column].required && !columns.includes(column),
  );
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [{ line: header.line, reason: `missing required column(s): ${missing.join(', ')}` }],
      unknownColumns,
    };
  }

  const rows: ParsedEnrolment['rows'] = [];
  const firstLineByEmail = new Map<string, number>();
  for (const record of body) {
    if (record.cells.length > header.cells.length) {
      problems.push({
        line: record.line,
        reason: `has ${record.cells.length} cells but the header has ${header.cells.length}`,
      });
      continue;
    }
    const raw = Object.fromEntries((Object.keys(csvColumns) as CsvColumn[]).map((c) => [c, ''])) as Record<
      CsvColumn,
      string
    >;
    columns.forEach((column, i) => {
      if (column) raw[column] = record.cells[i] ?? '';
    });
    const validated = validateRow(raw);
    if ('reasons' in validated) {
      problems.push({ line: record.line, reason: validated.reasons.join('; ') });
      continue;
    }
    const { row } = validated;
    const first = firstLineByEmail.get(row.email);
    if (first !== undefined) {
      problems.push({ line: record.line, reason: `duplicate email ${row.email} (first on line ${first})` });
      continue;
    }
    firstLineByEmail.set(row.email, record.line);
    rows.push({ ...row, line: record.line });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, unknownColumns };
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}
