// Prometheus text exposition: request counts and latency kept in memory by a middleware, and gauges read
// from the database at scrape time (outbox depth by status, mailbox sync lag, matches by health status).
import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { type Db, queryRows } from '../../db/client';
import { mailboxLag } from '../../mail/ingest/lag';

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Label values are route templates and enums only; still, escape as the format asks. */
const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function createHttpMetrics() {
  const counts = new Map<string, number>();
  const histograms = new Map<string, { buckets: number[]; sum: number; count: number }>();
  let inFlight = 0;
  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
    const seconds = (performance.now() - started) / 1000;
    // The route template (never the raw path): ids must not blow up the label space.
    const route = label(routePath(c, -1) || 'unmatched');
    const countKey = `method="${c.req.method}",route="${route}",status="${c.res.status}"`;
    counts.set(countKey, (counts.get(countKey) ?? 0) + 1);
    const key = `method="${c.req.method}",route="${route}"`;
    const histogram = histograms.get(key) ?? { buckets: latencyBuckets.map(() => 0), sum: 0, count: 0 };
    latencyBuckets.forEach((bound, i) => {
      if (seconds <= bound) histogram.buckets[i]! += 1;
    });
    histogram.sum += seconds;
    histogram.count += 1;
    histograms.set(key, histogram);
  };
  function render(): string[] {
    const lines = [
      '# HELP peerpost_http_requests_in_flight Requests being answered now (this scrape included).',
      '# TYPE peerpost_http_requests_in_flight gauge',
      `peerpost_http_requests_in_flight ${inFlight}`,
      '# HELP peerpost_http_requests_total HTTP requests by route and status.',
      '# TYPE peerpost_http_requests_total counter',
    ];
    for (const [labels, n] of counts) lines.push(`peerpost_http_requests_total{${labels}} ${n}`);
    lines.push(
      '# HELP peerpost_http_request_duration_seconds Time to answer, by route.',
      '# TYPE peerpost_http_request_duration_seconds histogram',
    );
    for (const [labels, h] of histograms) {
      latencyBuckets.forEach((bound, i) => {
        lines.push(`peerpost_http_request_duration_seconds_bucket{${labels},le="${bound}"} ${h.buckets[i]}`);
      });
      lines.push(`peerpost_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      lines.push(`peerpost_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      lines.push(`peerpost_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    return lines;
  }
  return { middleware, render };
}

export async function databaseMetrics(db: Db): Promise<string[]> {
  const [outbox, health, lag] = await Promise.all([
    queryRows<{ status: string; n: number }>(
      db,
      sql`select status, count(*)::int as n from outbox_jobs group by status order by status`,
    ),
    queryRows<{ status: string; n: number }>(
      db,
      sql`select coalesce(health_status, 'unknown') as status, count(*)::int as n from matches
          where status <> 'closed' group by 1 order by 1`,
    ),
    mailboxLag(db),
  ]);
  return [
    '# HELP peerpost_outbox_jobs Outgoing mails by status.',
    '# TYPE peerpost_outbox_jobs gauge',
    ...outbox.map((row) => `peerpost_outbox_jobs{status="${label(row.status)}"} ${row.n}`),
    '# HELP peerpost_matches Open matches by health status.',
    '# TYPE peerpost_matches gauge',
    ...health.map((row) => `peerpost_matches{health_status="${label(row.status)}"} ${row.n}`),
    '# HELP peerpost_mailbox_sync_lag_seconds Seconds since the mailbox was last synced.',
    '# TYPE peerpost_mailbox_sync_lag_seconds gauge',
    ...lag.map(
      (row) =>
        `peerpost_mailbox_sync_lag_seconds{mailbox="${label(row.mailboxKey)}"} ${row.lagSeconds ?? 'NaN'}`,
    ),
    '# HELP peerpost_mailbox_pending_messages Messages above the checkpoint not ingested yet, as of the last sync.',
    '# TYPE peerpost_mailbox_pending_messages gauge',
    ...lag.map(
      (row) =>
        `peerpost_mailbox_pending_messages{mailbox="${label(row.mailboxKey)}"} ${row.pendingMessages ?? 'NaN'}`,
    ),
  ];
}
