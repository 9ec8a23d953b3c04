/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Forms reached from one-click mail links: check-in comment, exit, rematch, sign-up confirmation and
// the end survey. Acting links show a page with a button (POST), so a mail scanner that follows links
// never leaves a match on someone's behalf; only the check-in score is recorded on the click itself.
import { Page } from './layout';

export function CsrfField(props: { csrf: string }) {
  return <input type="hidden" name="csrf" value={props.csrf} />;
}

export function CheckInThanks(props: { score: number; csrf: string; commentToken: string }) {
  return (
    <Page title="Thank you">
      <p>We noted {props.score} out of 5.</p>
      <form method="post" action={`../check-in-comment/${props.commentToken}`}>
        <CsrfField csrf={props.csrf} />
        <label for="comment">Anything to add? (optional, only coordinators see it)</label>
        <textarea id="comment" name="comment" rows={4} maxlength={4000} />
        <button type="submit">Send comment</button>
      </form>
    </Page>
  );
}

export function ConfirmAction(props: { title: string; text: string; button: string; csrf: string }) {
  return (
    <Page title={props.title}>
      <p>{props.text}</p>
      <form method="post">
        <CsrfField csrf={props.csrf} />
        <button type="submit">{props.button}</button>
      </form>
    </Page>
  );
}

export function SurveyForm(props: { csrf: string; error?: string }) {
  return (
    <Page title="How was the program?">
      {props.error ? <p class="error">{props.error}</p> : null}
      <form method="post">
        <CsrfField csrf={props.csrf} />
        <label for="satisfaction">
          How satisfied are you with your peer exchange? (1 = not at all, 5 = very)
        </label>
        <select id="satisfaction" name="satisfaction">
          <option value="">–</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option value={String(n)}>{n}</option>
          ))}
        </select>
        <label for="recommend">How likely are you to recommend the program to a colleague? (0–10)</label>
        <select id="recommend" name="recommend">
          <option value="">–</option>
          {[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
            <option value={String(n)}>{n}</option>
          ))}
        </select>
        <label for="learned">What did you learn?</label>
        <textarea id="learned" name="learned" rows={3} maxlength={4000} />
        <label for="taught">What did you teach?</label>
        <textarea id="taught" name="taught" rows={3} maxlength={4000} />
        <button type="submit">Send</button>
      </form>
    </Page>
  );
}
