/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The signed-in page: who you are, your matches and where to write to them, the programs you coordinate
// (with their report, which the API serves to this same-origin page by the session cookie), sign out.
import type { CoordinatedProgram, OwnMatch } from './account-overview';
import { Page } from './layout';
import { CsrfField } from './link-pages';

export interface AccountProps {
  me: { name: string; email: string; roles: string[] };
  matches: OwnMatch[];
  programs: CoordinatedProgram[];
  csrf: string;
}

export function AccountPage(props: AccountProps) {
  const { me } = props;
  return (
    <Page title="You are signed in" csrf={props.csrf}>
      <p>
        {me.name} ({me.email}){me.roles.length ? ` · ${me.roles.join(', ')}` : ''}
      </p>
      <h2>Your matches</h2>
      {props.matches.length ? (
        <ul>
          {props.matches.map((match) => (
            <li>
              {match.programName}: with{' '}
              {match.members
                .map((member) => member.name)
                .filter((name) => name !== me.name)
                .join(', ') || 'your peers'}{' '}
              ({match.health ? match.health.status : match.status}) ·{' '}
              <a href={`mailto:${match.pairAddress}`}>write to your pair</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>No matches yet.</p>
      )}
      {props.programs.length ? (
        <>
          <h2>Programs you coordinate</h2>
          <ul>
            {props.programs.map((program) => (
              <li>
                {program.name} ({program.status}) ·{' '}
                <a href={`api/programs/${program.id}/report.csv`}>report (CSV)</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form method="post" action="account/sign-out">
        <CsrfField csrf={props.csrf} />
        <button type="submit">Sign out</button>
      </form>
    </Page>
  );
}
