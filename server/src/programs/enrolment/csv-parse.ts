// Reads an import CSV with papaparse into validated profiles plus a report of every bad row by line
// number. Line numbers are physical lines of the file (a quoted cell may span lines), header = line 1.
import Papa from 'papaparse';
import {
  type CsvColumn,
  csvColumns,
  normaliseHeader,
  type ParticipantProfile,
  requiredColumns,
  validateRow,
} from './csv-columns';

export interface RowProblem {
  line: number;
  email?: string;
  reasons: string[];
}

export interface ParsedCsv {
  rows: { line: number; profile: ParticipantProfile }[];
  problems: RowProblem[];
  /** Columns that are not part of the header set; ignored, reported so typos are noticed. */
  unknownColumns: string[];
  /** A problem with the file as a whole (no header, missing required column): nothing is importable. */
  fatal?: string;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

export function parseParticipantsCsv(input: string): ParsedCsv {
  const text = input.replace(/^\uFEFF/, '');
  const result: ParsedCsv = { rows: [], problems: [], unknownColumns: [] };
  let columns: (CsvColumn | undefined)[] | undefined;
  let cursor = 0;
  let line = 1;
  const seen = new Map<string, number>();

  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    step: (step) => {
      const rowLine = line;
      const end = step.meta.cursor;
      // The row ends at `end`; count every newline up to there, including the one that ends it.
      line += countNewlines(text, cursor, Math.min(text.length, end + 1));
      cursor = Math.min(text.length, end + 1);
      const cells = step.data;
      if (cells.length === 1 && cells[0]!.trim() === '') return;
      if (!columns) {
        const headers = cells.map(normaliseHeader);
        columns = headers.map((h) =>
          (csvColumns as readonly string[]).includes(h) ? (h as CsvColumn) : undefined,
        );
        result.unknownColumns = cells.filter((_, i) => !columns![i] && headers[i] !== '');
        const missing = requiredColumns.filter((column) => !columns!.includes(column));
        if (missing.length) result.fatal = `The header lacks required column(s): ${missing.join(', ')}`;
        const duplicates = headers.filter((h, i) => columns![i] && headers.indexOf(h) !== i);
        if (duplicates.length) result.fatal = `The header repeats column(s): ${duplicates.join(', ')}`;
        return;
      }
      if (result.fatal) return;
      for (const error of step.errors) {
        result.problems.push({ line: rowLine, reasons: [`malformed CSV: ${error.message}`] });
        return;
      }
      const row: Partial<Record<CsvColumn, string>> = {};
      columns.forEach((column, i) => {
        if (column) row[column] = cells[i] ?? '';
      });
      if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim())) {
        result.problems.push({ line: rowLine, reasons: ['more cells than header columns'] });
        return;
      }
      const checked = validateRow(row);
      if (!checked.ok) {
        result.problems.push({
          line: rowLine,
          email: row.email?.trim() || undefined,
          reasons: checked.reasons,
        });
        return;
      }
      const earlier = seen.get(checked.profile.email);
      if (earlier !== undefined) {
        result.problems.push({
          line: rowLine,
          email: checked.profile.email,
          reasons: [`duplicate email, already on line ${earlier}`],
        });
        return;
      }
      seen.set(checked.profile.email, rowLine);
      result.rows.push({ line: rowLine, profile: checked.profile });
    },
  });
  if (!columns) result.fatal = 'The file is empty: expected a header line';
  if (result.fatal) result.rows = [];
  return result;
}
