// Read-only views of the outbox for people: jobs by status (CLI) and the .eml files of the file outbox
// (dev route). Never used by the worker.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outboxJobs, outboxStatuses } from '../../db/schema';
import type { OutboxStatus } from './queue';

export { outboxStatuses };

export interface OutboxJobSummary {
  id: number;
  status: OutboxStatus;
  purpose: string;
  to: string[];
  subject: string;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

const summaryColumns = {
  id: outboxJobs.id,
  status: outboxJobs.status,
  purpose: outboxJobs.purpose,
  to: outboxJobs.toAddresses,
  subject: outboxJobs.subject,
  attempts: outboxJobs.attempts,
  createdAt: outboxJobs.createdAt,
  sentAt: outboxJobs.sentAt,
  lastError: outboxJobs.lastError,
};

/** Newest first. */
export function listOutboxJobs(db: Db, options: { status?: OutboxStatus; limit?: number } = {}) {
  return db
    .select(summaryColumns)
    .from(outboxJobs)
    .where(options.status ? eq(outboxJobs.status, options.status) : undefined)
    .orderBy(desc(outboxJobs.id))
    .limit(options.limit ?? 100);
}

export interface OutboxFile {
  file: string;
  jobId: number;
  size: number;
  writtenAt: Date;
  subject?: string;
  to?: string[];
  purpose?: string;
}

export const outboxFilePattern = /^(\d{8,})\.eml$/;

/** The .eml files in the file outbox, newest first, with what the database says about each job. */
export async function listOutboxFiles(db: Db, dir: string, limit = 200): Promise<OutboxFile[]> {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .map((file) => ({ file, match: outboxFilePattern.exec(file) }))
    .filter((entry) => entry.match)
    .map(({ file, match }) => ({ file, jobId: Number(match![1]) }))
    .sort((a, b) => b.jobId - a.jobId)
    .slice(0, limit);
  if (files.length === 0) return [];
  const jobs = await db
    .select(summaryColumns)
    .from(outboxJobs)
    .where(
      inArray(
        outboxJobs.id,
        files.map((f) => f.jobId),
      ),
    );
  const byId = new Map(jobs.map((job) => [job.id, job]));
  return files.map(({ file, jobId }) => {
    const stat = statSync(path.join(dir, file));
    const job = byId.get(jobId);
    return {
      file,
      jobId,
      size: stat.size,
      writtenAt: stat.mtime,
      subject: job?.subject,
      to: job?.to,
      purpose: job?.purpose,
    };
  });
}
