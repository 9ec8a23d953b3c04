// Who the caller is paired with, and what each partner chose to share.
import type { Partner } from '@peerpost/shared/api/context';

function Field({ label, values }: { label: string; values?: string[] | string }) {
  const list = typeof values === 'string' ? [values] : values;
  if (!list || list.length === 0) return null;
  return (
    <p className="field">
      <span className="field-label">{label}: </span>
      {list.join(', ')}
    </p>
  );
}

export function Partners({ partners }: { partners: Partner[] }) {
  return (
    <section aria-labelledby="pp-partners" className="card">
      <h3 id="pp-partners">{partners.length > 1 ? 'Your peers' : 'Your peer'}</h3>
      {partners.map((partner, index) => (
        // Partners have no id in the contract; their order is stable for one response.
        // biome-ignore lint/suspicious/noArrayIndexKey: order is the identity here
        <div className="partner" key={index} data-testid="partner">
          <p className="partner-name">{partner.name}</p>
          <Field label="Stage" values={partner.careerStage} />
          <Field label="Offers" values={partner.skillsOffered} />
          <Field label="Wants to learn" values={partner.skillsSought} />
          <Field label="Goals" values={partner.goals} />
          <Field label="Team" values={partner.team} />
          <Field label="Time zone" values={partner.timeZone} />
        </div>
      ))}
    </section>
  );
}
