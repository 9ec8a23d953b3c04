// `peerpost report --program <id|slug> [--format csv|json] [--out <file>]`
import { writeFile } from 'node:fs/promises';
import { buildProgramReport } from '../../programs/evaluation/program-report';
import { reportToCsv } from '../../programs/evaluation/report-csv';
import { findProgram } from '../../programs/lifecycle/program-service';
import type { Command } from '../command';
import { UsageError } from '../command';
import { withContext } from '../runtime';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Program report (enrolment, match quality, activity, check-ins, survey) as CSV or JSON',
  usage: 'report --program <id|slug> [--format csv|json] [--out <file>]',
  options: { program: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run({ values }, io) {
    if (typeof values.program !== 'string') throw new UsageError('--program is required');
    const format = (values.format as string | undefined) ?? 'json';
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format is csv or json');
    return withContext(async (ctx) => {
      const program = await findProgram(ctx.database.db, values.program as string);
      const report = await buildProgramReport(ctx.database.db, program.id);
      const text = format === 'csv' ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
      if (typeof values.out === 'string') {
        await writeFile(values.out, text);
        io.err(`Wrote the ${format.toUpperCase()} report to ${values.out}.`);
      } else {
        io.out(text.trimEnd());
      }
      return 0;
    });
  },
};
