// Health of the pair: score, status, the top reasons in words and a trend line.
import type { HealthSummary } from '@peerpost/shared/api/context';
import { Sparkline } from './Sparkline';

const statusLabels: Record<HealthSummary['status'], string> = {
  thriving: 'Thriving',
  steady: 'Steady',
  'at-risk': 'At risk',
  dormant: 'Dormant',
  closed: 'Closed',
};

export function HealthCard({ health }: { health: HealthSummary | null }) {
  if (!health) return <p className="muted">Health is not computed yet.</p>;
  const trend = health.trend;
  const direction =
    trend.length < 2
      ? 'no trend yet'
      : trend.at(-1)! > trend[0]!
        ? 'rising'
        : trend.at(-1)! < trend[0]!
          ? 'falling'
          : 'flat';
  return (
    <section aria-labelledby="pp-health" className="card">
      <h3 id="pp-health">Health</h3>
      <p className="health-line">
        <span className={`status status-${health.status}`} data-testid="health-status">
          {statusLabels[health.status]}
        </span>
        <span className="score" data-testid="health-score">
          {health.score}
          <span className="visually-hidden"> out of 100</span>
        </span>
        <Sparkline values={trend} label={`Trend over ${trend.length} days: ${direction}`} />
      </p>
      {health.reasons.length > 0 && (
        <ul className="reasons">
          {health.reasons.slice(0, 3).map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {health.nextAction && <p className="next-action">{health.nextAction}</p>}
    </section>
  );
}
