// A pending "keep going?" notice: the pair closes on a date unless someone writes or clicks here.
import type { SidebarActions } from './state';
import { usePartnershipAction } from './use-partnership-action';

export function KeepGoingCard(props: { matchId: string; closesAt: string; actions: SidebarActions }) {
  const { busy, error, run } = usePartnershipAction(props.actions);
  const day = new Date(props.closesAt).toLocaleDateString(undefined, { dateStyle: 'medium' });
  return (
    <section aria-labelledby="pp-keep" className="card" data-testid="keep-going">
      <h3 id="pp-keep">Keep going?</h3>
      <p>It has been quiet for a while. This partnership closes on {day} unless one of you writes.</p>
      <button
        type="button"
        disabled={busy}
        onClick={() => run({ kind: 'keep-going', matchId: props.matchId })}
      >
        Keep going
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
