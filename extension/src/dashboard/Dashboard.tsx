// Coordinator dashboard: programs, the matches table (filter by health status, sort), a match's timeline,
// charts, the matching review (MatchingReview) and CSV export. Reads and commands through the background only.
import { type HealthStatus, healthStatuses } from '@peerpost/shared/health/status';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { cleanText } from '../adapters/thread-view';
import { apiGet } from './api';
import { Chart } from './Chart';
import { toCsv } from './csv';
import { MatchingReview } from './MatchingReview';
import { filterAndSort, type SortKey } from './matches-table';
import { dashboardRoutes } from './routes';
import { type Stats, statsCharts } from './stats-charts';
import { healthOf, type MatchRow, type ProgramSummary, type TimelineEntry } from './types';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function Dashboard() {
  const [programs, setPrograms] = useState<ProgramSummary[]>([]);
  const [programId, setProgramId] = useState<string>('');
  const [rows, setRows] = useState<MatchRow[]>([]);
  const [stats, setStats] = useState<Stats>({});
  const [statuses, setStatuses] = useState(new Set<HealthStatus | 'unknown'>([...healthStatuses, 'unknown']));
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'health',
    descending: false,
  });
  const [selected, setSelected] = useState<string | null>(
    () => /match=([\w-]+)/.exec(location.hash)?.[1] ?? null,
  );
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [message, setMessage] = useState('');
  const report = useCallback(
    (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
    [],
  );
  const loadMatches = useCallback(
    (id: string) =>
      apiGet<{ matches: MatchRow[] }>(dashboardRoutes.matches(id)).then(
        (list) => setRows(list.matches),
        report,
      ),
    [report],
  );

  useEffect(() => {
    apiGet<{ programs: ProgramSummary[] }>(dashboardRoutes.programs).then(({ programs: list }) => {
      setPrograms(list);
      setProgramId((current) => current || list[0]?.id || '');
    }, report);
  }, [report]);
  useEffect(() => {
    if (!programId) return;
    void loadMatches(programId);
    apiGet<Stats>(dashboardRoutes.stats(programId)).then(setStats, () => setStats({}));
  }, [programId, loadMatches]);
  useEffect(() => {
    if (!selected) return;
    apiGet<TimelineEntry[]>(dashboardRoutes.timeline(selected)).then(setTimeline, report);
  }, [selected, report]);

  const visible = useMemo(
    () => filterAndSort(rows, { statuses, sort: sort.key, descending: sort.descending }),
    [rows, statuses, sort],
  );
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        onClick={() => setSort({ key, descending: sort.key === key && !sort.descending })}
      >
        {label}
      </button>
    </th>
  );
  const charts = useMemo(() => statsCharts(stats), [stats]);

  return (
    <main>
      <h1>Peerpost dashboard</h1>
      <div className="toolbar">
        <label>
          Program{' '}
          <select value={programId} onChange={(event) => setProgramId(event.target.value)}>
            {programs.map((program) => (
              <option key={program.id} value={program.id}>
                {program.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Health</legend>
          {[...healthStatuses, 'unknown' as const].map((status) => (
            <label key={status}>
              <input
                type="checkbox"
                checked={statuses.has(status)}
                onChange={() => {
                  const next = new Set(statuses);
                  if (!next.delete(status)) next.add(status);
                  setStatuses(next);
                }}
              />
              {status}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          onClick={() =>
            download(
              'peerpost-matches.csv',
              toCsv(
                [
                  'match',
                  'status',
                  'members',
                  'health score',
                  'health status',
                  'started',
                  'first reply (h)',
                  'check-in average',
                ],
                visible.map((row) => [
                  row.id,
                  row.status,
                  row.members.map((m) => m.name).join('; '),
                  healthOf(row).score,
                  healthOf(row).status,
                  row.startedAt,
                  row.firstReplyHours,
                  row.checkInAverage,
                ]),
              ),
            )
          }
        >
          Export CSV
        </button>
      </div>
      <p role="alert" className="error">
        {message}
      </p>
      <table>
        <thead>
          <tr>
            {header('members', 'Members')}
            <th>Status</th>
            {header('health', 'Health')}
            {header('started', 'Started')}
            {header('firstReply', 'First reply')}
            {header('checkIn', 'Check-ins')}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <tr key={row.id} aria-selected={row.id === selected}>
              <td>
                <button type="button" className="link" onClick={() => setSelected(row.id)}>
                  {row.members.map((m) => cleanText(m.name)).join(', ')}
                </button>
              </td>
              <td>{row.status}</td>
              <td>
                {healthOf(row).score ?? '–'} {healthOf(row).status ?? ''}
              </td>
              <td>{row.startedAt?.slice(0, 10) ?? '–'}</td>
              <td>{row.firstReplyHours == null ? '–' : `${Math.round(row.firstReplyHours)} h`}</td>
              <td>{row.checkInAverage == null ? '–' : row.checkInAverage.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {programId && <MatchingReview programId={programId} onApproved={() => void loadMatches(programId)} />}
      {selected && (
        <section aria-labelledby="timeline">
          <h2 id="timeline">Timeline</h2>
          <ol>
            {timeline.map((entry) => (
              <li key={`${entry.at}-${entry.kind}`}>
                {entry.at.slice(0, 16).replace('T', ' ')} · {entry.kind}
                {entry.text ? `: ${entry.text}` : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section className="charts" aria-label="Charts">
        {charts.map((chart) => (
          <Chart key={chart.title} {...chart} />
        ))}
      </section>
    </main>
  );
}
