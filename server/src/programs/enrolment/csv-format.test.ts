import { describe, expect, it } from 'vitest';
import { parseEnrolmentCsv } from './csv-format';

const header =
  'email,name,time zone,career stage,skills offered,skills sought,goals,team,languages,exclusions';

describe('parseEnrolmentCsv', () => {
  it('reads a clean file with lists, defaults and loose header names', () => {
    const parsed = parseEnrolmentCsv(
      `Email,Name,TimeZone,Career_Stage,Skills-Offered,Languages\nAna@Example.org,Ana Silva,Europe/Lisbon,Early-Career,SQL; Python ;SQL,EN;es\nben@example.org,Ben,,early-career,,\n`,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      email: 'ana@example.org',
      careerStage: 'early-career',
      skillsOffered: ['SQL', 'Python'],
      languages: ['en', 'es'],
      line: 2,
    });
    expect(parsed.rows[1]).toMatchObject({
      timeZone: 'UTC',
      languages: ['en'],
      team: null,
      skillsOffered: [],
    });
  });

  it('strips a byte-order mark', () => {
    const parsed = parseEnrolmentCsv(`\ufeff${header}\na@example.org,A,UTC,senior,,,,,,\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
  });

  it('keeps quoted commas and quoted line breaks inside one cell, and counts lines right after them', () => {
    const parsed = parseEnrolmentCsv(
      `${header}\n"a@example.org","Silva, Ana",UTC,senior,"SQL, advanced",,,,,\n"b@example.org","Two\nlines",UTC,senior,,,,,,\nc@example.org,,UTC,senior,,,,,,\n`,
    );
    expect(parsed.rows.map((row) => row.name)).toEqual(['Silva, Ana', 'Two\nlines']);
    expect(parsed.rows[0]!.skillsOffered).toEqual(['SQL, advanced']);
    expect(parsed.problems).toEqual([{ line: 5, reason: 'name is required' }]);
  });

  it('reports duplicate emails with both lines, case-insensitively', () => {
    const parsed = parseEnrolmentCsv(
      `${header}\na@example.org,A,UTC,senior,,,,,,\n\nA@EXAMPLE.ORG,A2,UTC,senior,,,,,,\n`,
    );
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.problems).toEqual([{ line: 4, reason: 'duplicate email a@example.org (first on line 2)' }]);
  });

  it('ignores unknown columns but names them', () => {
    const parsed = parseEnrolmentCsv('email,name,career stage,shoe size\na@example.org,A,senior,44\n');
    expect(parsed.unknownColumns).toEqual(['shoe size']);
    expect(parsed.rows).toHaveLength(1);
  });

  it.each([
    ['not-an-email,A,UTC,senior,,,,,,', 'email is not a valid email address'],
    ['a@example.org,A,Mars/Olympus,senior,,,,,,', 'timeZone is not a known time zone'],
    ['a@example.org,A,UTC,,,,,,,', 'careerStage is required'],
    ['a@example.org,A,UTC,senior,,,,,,,extra', 'has 11 cells but the header has 10'],
  ])('reports a bad row by line and reason: %s', (row, reason) => {
    const parsed = parseEnrolmentCsv(`${header}\n${row}\n`);
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]!.line).toBe(2);
    expect(parsed.problems[0]!.reason).toContain(reason);
  });

  it('refuses a file without a required column, naming it', () => {
    const parsed = parseEnrolmentCsv('email,name\na@example.org,A\n');
    expect(parsed.problems).toEqual([{ line: 1, reason: 'missing required column(s): careerStage' }]);
  });

  it('reports an empty file', () => {
    expect(parseEnrolmentCsv('').problems).toEqual([{ line: 1, reason: 'the file is empty' }]);
  });

  it('handles Windows line endings', () => {
    const parsed = parseEnrolmentCsv(
      `${header}\r\na@example.org,A,UTC,senior,,,,,,\r\nbad,,UTC,senior,,,,,,\r\n`,
    );
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.problems.map((problem) => problem.line)).toEqual([3]);
  });

  it('parses 50,000 rows, finding the bad ones by line', () => {
    const lines = [header];
    for (let i = 0; i < 50_000; i++) {
      lines.push(
        i % 10_000 === 9_999
          ? `broken-${i},,UTC,senior,,,,,,`
          : `p${i}@example.org,Person ${i},UTC,mid-career,SQL;Go,Rust,lead,Team ${i % 7},en,`,
      );
    }
    const parsed = parseEnrolmentCsv(lines.join('\n'));
    expect(parsed.rows).toHaveLength(49_995);
    expect(parsed.problems.map((problem) => problem.line)).toEqual([10_001, 20_001, 30_001, 40_001, 50_001]);
  });
});
