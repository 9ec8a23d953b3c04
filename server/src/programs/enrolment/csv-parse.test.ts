import { describe, expect, it } from 'vitest';
import { isTimeZone, normaliseHeader, splitList, validateRow } from './csv-columns';
import { parseParticipantsCsv } from './csv-parse';

const header =
  'email,name,time_zone,career_stage,skills_offered,skills_sought,goals,team,languages,exclusions';

describe('parseParticipantsCsv', () => {
  it('reads the documented header set with list cells separated by ;', () => {
    const parsed = parseParticipantsCsv(
      `${header}\nAna@Example.org,Ana Silva,Europe/Lisbon,Early-career,SQL; Python;SQL,hiring,lead a team,Platform,pt;en,ben@example.org`,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0]).toEqual({
      line: 2,
      profile: {
        email: 'ana@example.org',
        name: 'Ana Silva',
        timeZone: 'Europe/Lisbon',
        careerStage: 'early-career',
        skillsOffered: ['SQL', 'Python'],
        skillsSought: ['hiring'],
        goals: ['lead a team'],
        team: 'Platform',
        languages: ['pt', 'en'],
        exclusions: ['ben@example.org'],
      },
    });
  });

  it('strips a byte-order mark and accepts "Time zone" style headers', () => {
    const parsed = parseParticipantsCsv(
      '\uFEFFEmail,Name,Time zone,Career Stage\r\nana@x.org,Ana,UTC,mid\r\n',
    );
    expect(parsed.fatal).toBeUndefined();
    expect(parsed.rows.map((r) => r.profile.email)).toEqual(['ana@x.org']);
    expect(parsed.rows[0]!.profile.timeZone).toBe('UTC');
  });

  it('keeps commas inside quoted cells and counts lines across multi-line cells', () => {
    const parsed = parseParticipantsCsv(
      'email,name,career_stage,goals\n"a@x.org","Silva, Ana",mid,"speak, often;write"\nb@x.org,"Ben\nBerg",mid,\nc@x.org,,mid,',
    );
    expect(parsed.rows[0]!.profile.name).toBe('Silva, Ana');
    expect(parsed.rows[0]!.profile.goals).toEqual(['speak, often', 'write']);
    expect(parsed.rows[1]!.line).toBe(3);
    expect(parsed.problems).toEqual([{ line: 5, email: 'c@x.org', reasons: ['name is missing'] }]);
  });

  it('reports duplicate emails (case-insensitive) with the first line', () => {
    const parsed = parseParticipantsCsv(
      'email,name,career_stage\na@x.org,A,mid\nb@x.org,B,mid\nA@X.org,A2,mid',
    );
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.problems).toEqual([
      { line: 4, email: 'a@x.org', reasons: ['duplicate email, already on line 2'] },
    ]);
  });

  it('ignores and reports unknown columns', () => {
    const parsed = parseParticipantsCsv('email,name,career_stage,shoe size\na@x.org,A,mid,44');
    expect(parsed.unknownColumns).toEqual(['shoe size']);
    expect(parsed.rows).toHaveLength(1);
  });

  it('reports every reason of a bad row by line', () => {
    const parsed = parseParticipantsCsv(
      'email,name,career_stage,time_zone,exclusions\nnot-an-email,,mid,Mars/Base,x;not mail\n',
    );
    expect(parsed.problems[0]!.line).toBe(2);
    expect(parsed.problems[0]!.reasons).toEqual([
      'name is missing',
      'email "not-an-email" is not an email address',
      'time_zone "Mars/Base" is not a known time zone',
      'exclusions: "x" is not an email address',
      'exclusions: "not mail" is not an email address',
    ]);
  });

  it('refuses a file without a required column, or an empty file, as a whole', () => {
    expect(parseParticipantsCsv('email,name\na@x.org,A').fatal).toMatch(/career_stage/);
    expect(parseParticipantsCsv('').fatal).toMatch(/empty/);
    expect(parseParticipantsCsv('email,name,career_stage,name\na,b,c,d').fatal).toMatch(/repeats column/);
  });

  it('flags malformed CSV and extra cells, skips blank lines', () => {
    const parsed = parseParticipantsCsv('email,name,career_stage\n\na@x.org,A,mid,extra\nb@x.org,"B,mid\n');
    expect(parsed.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(parsed.problems[0]!.reasons).toEqual(['more cells than header columns']);
    expect(parsed.problems[1]!.reasons[0]).toMatch(/malformed CSV/);
  });
});

describe('csv columns', () => {
  it('normalises headers, splits lists and validates time zones with Intl', () => {
    expect(normaliseHeader(' Skills-Offered ')).toBe('skills_offered');
    expect(splitList(' a ;; b;a ')).toEqual(['a', 'b']);
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
  });

  it('refuses a person excluding themself and over-long cells', () => {
    const self = validateRow({ email: 'a@x.org', name: 'A', career_stage: 'mid', exclusions: 'A@x.org' });
    expect(self).toEqual({ ok: false, reasons: ['exclusions lists the participant themself'] });
    const long = validateRow({ email: 'a@x.org', name: 'A'.repeat(2001), career_stage: 'mid' });
    expect(long.ok).toBe(false);
  });
});
