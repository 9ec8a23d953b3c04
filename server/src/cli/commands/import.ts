import { readFile } from 'node:fs/promises';
import { parseEnrolmentCsv } from '../../programs/enrolment/csv-format';
import { findProgram, importParticipants } from '../../programs/enrolment/import-participants';
import { type Command, UsageError } from '../command';
import { withContext } from '../runtime';

export const importCommand: Command = {
  name: 'import',
  summary: 'Enrol participants from a CSV file (validates every row first; see README "CSV format")',
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
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      io.err(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
      return 1;
    }
    const parsed = parseEnrolmentCsv(text);
    for (const problem of parsed.problems) io.err(`line ${problem.line}: ${problem.reason}`);
    if (parsed.unknownColumns.length)
      io.err(`Ignored unknown column(s): ${parsed.unknownColumns.join(', ')}`);
    io.out(`${parsed.rows.length} valid row(s), ${parsed.problems.length} problem(s).`);
    if (values['dry-run']) {
      io.out('Dry run: nothing was imported.');
      return parsed.problems.length > 0 ? 1 : 0;
    }
    if (parsed.problems.length > 0 && !values['skip-invalid']) {
      io.err(
        'Nothing was imported. Fix the rows above, or re-run with --skip-invalid to import the valid rows.',
      );
      return 1;
    }
    return withContext(async (ctx) => {
      const program = await findProgram(ctx.database.db, values.program as string);
      let lastReported = 0;
      const result = await importParticipants(ctx.database.db, program.id, parsed.rows, (done, total) => {
        if (done === total || Date.now() - lastReported > 1000) {
          lastReported = Date.now();
          io.err(`  imported ${done}/${total}`);
        }
      });
      io.out(`Imported into "${program.name}": ${result.created} new, ${result.updated} updated.`);
      return 0;
    });
  },
};
