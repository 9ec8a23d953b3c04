/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The self sign-up form behind /join/<program slug or id>.
import type { CsvColumn } from '../../programs/enrolment/csv-columns';
import { Page } from './layout';

const fields: { name: CsvColumn; label: string; hint?: string; required?: boolean }[] = [
  { name: 'name', label: 'Your name', required: true },
  { name: 'email', label: 'Work email', required: true },
  {
    name: 'career_stage',
    label: 'Career stage',
    hint: 'e.g. early-career, mid-career, senior',
    required: true,
  },
  { name: 'time_zone', label: 'Time zone', hint: 'e.g. Europe/Berlin' },
  { name: 'skills_offered', label: 'Skills you could share', hint: 'separate with ;' },
  { name: 'skills_sought', label: 'Skills you want to learn', hint: 'separate with ;' },
  { name: 'goals', label: 'Your goals', hint: 'separate with ;' },
  { name: 'team', label: 'Team' },
  { name: 'languages', label: 'Languages', hint: 'separate with ;' },
];

export function JoinPage(props: {
  programName: string;
  goal: string;
  csrf: string;
  values?: Record<string, string>;
  errors?: string[];
}) {
  return (
    <Page title={`Join ${props.programName}`}>
      {props.goal ? <p>{props.goal}</p> : null}
      <p>
        Peer mentoring pairs you with someone at the same career stage. It is a mutual exchange: both of you
        teach, both of you learn.
      </p>
      {props.errors?.length ? (
        <ul class="error">
          {props.errors.map((error) => (
            <li>{error}</li>
          ))}
        </ul>
      ) : null}
      <form method="post">
        <input type="hidden" name="csrf" value={props.csrf} />
        {fields.map((field) => (
          <>
            <label for={field.name}>
              {field.label}
              {field.hint ? ` (${field.hint})` : ''}
            </label>
            <input
              id={field.name}
              name={field.name}
              type={field.name === 'email' ? 'email' : 'text'}
              required={field.required}
              maxlength={2000}
              value={props.values?.[field.name] ?? ''}
            />
          </>
        ))}
        <button type="submit">Sign up</button>
      </form>
    </Page>
  );
}

export const joinFields = fields.map((field) => field.name);
