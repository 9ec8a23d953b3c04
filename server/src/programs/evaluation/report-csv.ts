// The program report as CSV: one `section,metric,value` row per figure, so any spreadsheet reads it.
import Papa from 'papaparse';
import type { ProgramReport } from './program-report';

export function reportToCsv(report: ProgramReport): string {
  const rows: (string | number | null)[][] = [['section', 'metric', 'value']];
  const add = (section: string, metric: string, value: string | number | null) =>
    rows.push([section, metric, value]);
  add('program', 'name', report.program.name);
  add('program', 'status', report.program.status);
  add('program', 'starts_on', report.program.startsOn);
  add('program', 'ends_on', report.program.endsOn);
  add('enrolment', 'total', report.enrolment.total);
  for (const [k, v] of Object.entries(report.enrolment.byStatus)) add('enrolment', `status:${k}`, v);
  for (const [k, v] of Object.entries(report.enrolment.byCareerStage))
    add('enrolment', `career_stage:${k}`, v);
  add('matches', 'total', report.matches.total);
  for (const [k, v] of Object.entries(report.matches.byStatus)) add('matches', `status:${k}`, v);
  for (const [k, v] of Object.entries(report.matches.closeReasons)) add('matches', `close_reason:${k}`, v);
  const c = report.matches.compatibility;
  add('compatibility', 'mean', c.mean);
  add('compatibility', 'min', c.min);
  add('compatibility', 'median', c.median);
  add('compatibility', 'max', c.max);
  for (const bucket of c.histogram) add('compatibility', `bucket:${bucket.from}-${bucket.to}`, bucket.count);
  for (const week of report.activity.weeks) {
    add(`activity:${report.activity.source}`, `${week.weekStart}:active`, week.active);
    add(`activity:${report.activity.source}`, `${week.weekStart}:dormant`, week.dormant);
  }
  add('reciprocity', 'matches_with_messages', report.reciprocity.matchesWithMessages);
  add('reciprocity', 'two_way_matches', report.reciprocity.twoWayMatches);
  add('reciprocity', 'mean_balance', report.reciprocity.meanBalance);
  add('check_ins', 'sent', report.checkIns.sent);
  add('check_ins', 'answered', report.checkIns.answered);
  add('check_ins', 'response_rate', report.checkIns.responseRate);
  add('check_ins', 'average_score', report.checkIns.averageScore);
  add('survey', 'responses', report.survey.responses);
  add('survey', 'average_satisfaction', report.survey.averageSatisfaction);
  add('survey', 'nps', report.survey.nps);
  for (const text of report.survey.learned) add('survey', 'learned', text);
  for (const text of report.survey.taught) add('survey', 'taught', text);
  const { goals, agreements, conclusion } = report.partnership;
  add('goals', 'set', goals.set);
  add('goals', 'reached', goals.reached);
  add('goals', 'learned', goals.learned);
  add('goals', 'taught', goals.taught);
  add('goals', 'moving', goals.moving);
  add('goals', 'members_with_goals', goals.membersWithGoals);
  add('agreements', 'offered', agreements.offered);
  add('agreements', 'accepted_by_all', agreements.acceptedByAll);
  add('conclusion', 'auto_concluded', conclusion.autoConcluded);
  add('conclusion', 'notices_pending', conclusion.noticesPending);
  add('conclusion', 'kept_open', conclusion.keptOpen);
  // Cells starting with = + - @ would be formulas in a spreadsheet: prefix them (CSV injection).
  const safe = rows.map((row) =>
    row.map((cell) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)),
  );
  return `${Papa.unparse(safe)}\r\n`;
}
