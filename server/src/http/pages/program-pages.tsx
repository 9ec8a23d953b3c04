/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Server-rendered pages for links in program mails: sign-up, confirmation, check-in, exit, rematch and
// the end survey. Mounted at the root of the app; every form is CSRF-protected (double submit).

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppContext } from '../../context';
import { PeerpostError } from '../../errors';
import { recordCheckInComment, recordCheckInScore } from '../../programs/check-ins/record-check-in';
import type { CsvColumn } from '../../programs/enrolment/csv-columns';
import { confirmSignUp, signUp, signUpOpen } from '../../programs/enrolment/sign-up';
import { submitSurvey, surveyAnswersFromForm } from '../../programs/evaluation/survey';
import { leaveMatchByLink, requestRematchByLink } from '../../programs/lifecycle/leave-match';
import { findProgram } from '../../programs/lifecycle/program-service';
import { peekLinkToken } from '../../security/link-tokens';
import { CSRF_FIELD, csrfToken, csrfValid } from './csrf';
import { JoinPage, joinFields } from './join-page';
import { expiredForm, expiredLink, Message } from './layout';
import { CheckInThanks, ConfirmAction, SurveyForm } from './link-pages';

export function createProgramPages(ctx: AppContext, clock: () => Date = () => new Date()) {
  const pages = new Hono();
  const links = { publicUrl: ctx.config.publicUrl };
  const secure = ctx.config.publicUrl.startsWith('https:');
  const csrf = (c: Context) => csrfToken(c, secure);
  const db = ctx.database.db;

  const forbidden = (c: Context) => c.html(expiredForm, 403);
  const expired = (c: Context) => c.html(expiredLink, 410);
  /** Reads a POSTed form after checking its CSRF pair; undefined when the check fails. */
  const form = async (c: Context) => {
    const body = await c.req.parseBody();
    return csrfValid(c, body[CSRF_FIELD]) ? (body as Record<string, string | undefined>) : undefined;
  };

  const programFor = async (c: Context) => {
    try {
      return await findProgram(db, c.req.param('program') ?? '');
    } catch (error) {
      if (error instanceof PeerpostError && error.code === 'ENOTFOUND') return undefined;
      throw error;
    }
  };

  pages.get('/join/:program', async (c) => {
    const program = await programFor(c);
    if (!program || !signUpOpen(program)) {
      return c.html(<Message title="Sign-up is closed" text="This program is not taking sign-ups." />, 404);
    }
    return c.html(<JoinPage programName={program.name} goal={program.goal} csrf={csrf(c)} />);
  });

  pages.post('/join/:program', async (c) => {
    const program = await programFor(c);
    if (!program)
      return c.html(<Message title="Sign-up is closed" text="This program is not taking sign-ups." />, 404);
    const body = await form(c);
    if (!body) return forbidden(c);
    const values = Object.fromEntries(joinFields.map((name) => [name, String(body[name] ?? '')])) as Record<
      CsvColumn,
      string
    >;
    const result = await signUp(db, program, values, clock(), links);
    if (!result.ok) {
      return c.html(
        <JoinPage
          programName={program.name}
          goal={program.goal}
          csrf={csrf(c)}
          values={values}
          errors={result.reasons}
        />,
        400,
      );
    }
    return c.html(
      <Message
        title="Check your email"
        text="We sent you a link to confirm your sign-up. It works for 7 days."
      />,
    );
  });

  /** A link that acts: GET shows a confirmation button, POST does it. */
  const confirmable = (
    path: string,
    kind: string,
    prompt: { title: string; text: string; button: string },
    act: (token: string) => Promise<{ title: string; text: string } | undefined>,
  ) => {
    pages.get(`/${path}/:token`, async (c) => {
      const found = await peekLinkToken(db, c.req.param('token'), kind, clock());
      return found ? c.html(<ConfirmAction {...prompt} csrf={csrf(c)} />) : expired(c);
    });
    pages.post(`/${path}/:token`, async (c) => {
      if (!(await form(c))) return forbidden(c);
      const done = await act(c.req.param('token'));
      return done ? c.html(<Message {...done} />) : expired(c);
    });
  };

  confirmable(
    'confirm',
    'confirm',
    { title: 'Confirm your sign-up', text: 'One click and you are in.', button: 'Confirm' },
    async (token) => {
      const program = await confirmSignUp(db, token, clock());
      return (
        program && { title: 'You are in', text: `Welcome to ${program.name}. A welcome mail is on its way.` }
      );
    },
  );
  confirmable(
    'exit',
    'exit',
    {
      title: 'Leave your match?',
      text: 'You can leave without giving a reason. Your peer will be told kindly and offered a new match.',
      button: 'Leave the match',
    },
    async (token) => {
      const left = await leaveMatchByLink(db, token, clock(), links);
      return left.ok
        ? { title: 'You have left', text: 'Thank you for the time you gave. Take care.' }
        : undefined;
    },
  );
  confirmable(
    'rematch',
    'rematch',
    {
      title: 'A new match?',
      text: 'We will include you in the next matching round.',
      button: 'Yes, match me again',
    },
    async (token) =>
      (await requestRematchByLink(db, token, clock()))
        ? { title: 'Noted', text: 'You will be in the next matching round.' }
        : undefined,
  );

  pages.get('/check-in/:token', async (c) => {
    const answer = await recordCheckInScore(db, c.req.param('token'), c.req.query('score'), clock());
    if (!answer.ok) {
      return answer.reason === 'bad-score'
        ? c.html(<Message title="Pick a score" text="Use one of the 1–5 links in the mail." />, 400)
        : expired(c);
    }
    return c.html(<CheckInThanks score={answer.score} csrf={csrf(c)} commentToken={answer.commentToken} />);
  });

  pages.post('/check-in-comment/:token', async (c) => {
    const body = await form(c);
    if (!body) return forbidden(c);
    const saved = await recordCheckInComment(db, c.req.param('token'), String(body.comment ?? ''), clock());
    return saved ? c.html(<Message title="Thank you" text="Your comment is saved." />) : expired(c);
  });

  pages.get('/survey/:token', async (c) => {
    const found = await peekLinkToken(db, c.req.param('token'), 'survey', clock());
    return found ? c.html(<SurveyForm csrf={csrf(c)} />) : expired(c);
  });

  pages.post('/survey/:token', async (c) => {
    const body = await form(c);
    if (!body) return forbidden(c);
    try {
      const saved = await submitSurvey(db, c.req.param('token'), surveyAnswersFromForm(body), clock());
      return saved
        ? c.html(<Message title="Thank you" text="Your answers help the next round." />)
        : expired(c);
    } catch (error) {
      if (error instanceof PeerpostError && error.code === 'EBADINPUT') {
        return c.html(<SurveyForm csrf={csrf(c)} error={error.message} />, 400);
      }
      throw error;
    }
  });

  return pages;
}
