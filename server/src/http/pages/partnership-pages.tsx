/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Pages behind the partnership links in mails: accept the agreement and keep a quiet partnership going
// (GET shows a button, POST acts, so a mail scanner that follows links never acts for anyone), and the
// one-click goal progress links of check-ins (recorded on the click, like the pulse score).

import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppContext } from '../../context';
import { agreements } from '../../db/schema';
import { acceptAgreementByLink } from '../../programs/partnership/agreement';
import { agreementTerms } from '../../programs/partnership/agreement-terms';
import { keepGoingByLink } from '../../programs/partnership/conclusion';
import { goalStatusLabels, recordGoalProgressByLink } from '../../programs/partnership/goals';
import { peekLinkToken, purposeTarget } from '../../security/link-tokens';
import { csrfFormValid, csrfToken } from './csrf';
import { expiredForm, expiredLink, Message, Page } from './layout';
import { CsrfField } from './link-pages';

export function createPartnershipPages(ctx: AppContext, clock: () => Date = () => new Date()) {
  const pages = new Hono();
  const db = ctx.database.db;
  const secure = ctx.config.publicUrl.startsWith('https:');
  const expired = (c: Context) => c.html(expiredLink, 410);
  const forbidden = (c: Context) => c.html(expiredForm, 403);

  pages.get('/agreement/:token', async (c) => {
    const link = await peekLinkToken(db, c.req.param('token'), 'agreement', clock());
    if (!link) return expired(c);
    const [agreement] = await db
      .select({ cadenceDays: agreements.cadenceDays })
      .from(agreements)
      .where(eq(agreements.matchId, purposeTarget(link.purpose)));
    if (!agreement) return expired(c);
    return c.html(
      <Page title="Your partnership agreement">
        <ul>
          {agreementTerms(agreement.cadenceDays).map((term) => (
            <li>{term}</li>
          ))}
        </ul>
        <form method="post">
          <CsrfField csrf={csrfToken(c, secure)} />
          <button type="submit">I accept</button>
        </form>
      </Page>,
    );
  });
  pages.post('/agreement/:token', async (c) => {
    if (!(await csrfFormValid(c))) return forbidden(c);
    const accepted = await acceptAgreementByLink(db, c.req.param('token'), clock());
    return accepted
      ? c.html(<Message title="Thank you" text="You accepted your partnership agreement." />)
      : expired(c);
  });

  pages.get('/keep-going/:token', async (c) => {
    if (!(await peekLinkToken(db, c.req.param('token'), 'keep-going', clock()))) return expired(c);
    return c.html(
      <Page title="Keep going?">
        <p>One click keeps your partnership open. Writing to your peer does the same.</p>
        <form method="post">
          <CsrfField csrf={csrfToken(c, secure)} />
          <button type="submit">Keep going</button>
        </form>
      </Page>,
    );
  });
  pages.post('/keep-going/:token', async (c) => {
    if (!(await csrfFormValid(c))) return forbidden(c);
    return (await keepGoingByLink(db, c.req.param('token'), clock()))
      ? c.html(<Message title="Wonderful" text="Your partnership stays open. Say hello to your peer!" />)
      : expired(c);
  });

  pages.get('/goal/:token', async (c) => {
    const result = await recordGoalProgressByLink(db, c.req.param('token'), c.req.query('status'), clock());
    if (!result.ok) {
      return result.reason === 'bad-status'
        ? c.html(<Message title="Pick a status" text="Use one of the links in the mail." />, 400)
        : expired(c);
    }
    return c.html(
      <Message title="Noted" text={`"${result.text}" is now marked ${goalStatusLabels[result.status]}.`} />,
    );
  });
  return pages;
}
