// `peerpost import <csv> --program <id|slug> [--dry-run] [--skip-invalid]`
import { readFile } from 'node:fs/promises';
import { type ImportReport, importParticipants } from '../../programs/enrolment/csv-import';
import { findProgram } from '../../programs/lifecycle/program-service';
import type { Command, CommandIo } from '../command';
import { UsageError } from '../command';
import { withContext } from '../runtime';

export function printImportReport(report: ImportReport, io: CommandIo): void {
  if (report.fatal) io.err(`The file cannot be imported: ${report.fatal}`);
  if (report.unknownColumns.length) io.err(`Ignored unknown column(s): ${report.unknownColumns.join(', ')}`);
  for (const problem of report.problems) {
    io.err(
      `line ${problem.line}${problem.email ? ` (${problem.email})` : ''}: ${problem.reasons.join('; ')}`,
    );
  }
  const counts = `${report.created} new, ${report.updated} updated, ${report.skipped} bad row(s)`;
  if (report.dryRun) io.out(`Dry run: ${counts}. Nothing was written.`);
  else if (report.imported) io.out(`Imported: ${counts}${report.skipped ? ' skipped' : ''}.`);
  else if (!report.fatal)
    io.out(`Nothing imported: fix the ${report.skipped} bad row(s) or use --skip-invalid.`);
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import participants into a program from a CSV file (see README "CSV format")',
  usage: 'import <file.csv> --program <id|slug> [--dry-run] [--skip-invalid]',
  options: {
    program: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('give exactly one CSV file');
    if (typeof values.program !== 'string') throw new UsageError('--program is required');
    const csv = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
    });
    return withContext(async (ctx) => {
      const program = await findProgram(ctx.database.db, values.program as string);
      let lastShown = 0;
      const report = await importParticipants(ctx.database.db, program.id, csv, {
        dryRun: Boolean(values['dry-run']),
        skipInvalid: Boolean(values['skip-invalid']),
        onProgress: (done, total) => {
          if (total >= 5000 && (done - lastShown >= 5000 || done === total)) {
            lastShown = done;
            io.err(`… ${done}/${total} rows written`);
          }
        },
      });
      printImportReport(report, io);
      return report.fatal || (!report.imported && !report.dryRun) || (report.dryRun && report.skipped)
        ? 1
        : 0;
    });
  },
};
