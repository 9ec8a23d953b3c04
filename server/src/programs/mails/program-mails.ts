// The plain-text mails of a program's life. Every user value goes through plainValue.
import type { MailText } from './plain-text';
import { listNames, plainValue } from './plain-text';

interface ProgramInfo {
  name: string;
  goal: string;
  cadenceDays: number;
}

const signature = (program: ProgramInfo) => `— ${plainValue(program.name)} (sent by Peerpost)`;

export function onboardingMail(program: ProgramInfo, name: string): MailText {
  return {
    subject: `Welcome to ${plainValue(program.name)}`,
    text: `Hello ${plainValue(name)},

welcome to ${plainValue(program.name)}.${program.goal ? `\n\nThe program's goal: ${plainValue(program.goal, 500)}` : ''}

What peer mentoring is
You will be paired with a peer at the same career stage. Neither of you is "the mentor": it is a mutual
exchange, and both of you teach. Each of you knows something the other wants to learn.

What to expect
- An introduction email to you and your peer. Reply all to it: that one thread is your space.
- Write to each other about every ${program.cadenceDays} days. Short notes are fine.
- Now and then a prompt with a question to talk about, and a one-click check-in asking how it goes.
- You can leave at any time, no questions asked, with the link in any check-in.

Using the sidebar
If your organisation offers the Peerpost browser extension, it shows your peer's context, the next
prompt and a gentle reminder when the thread has gone quiet, right next to the thread in your webmail.

${signature(program)}`,
  };
}

export function introMail(
  program: ProgramInfo,
  members: { name: string; summary: string }[],
  firstPrompt: { title: string; body: string } | undefined,
): MailText {
  const names = listNames(members.map((member) => member.name));
  return {
    subject: `${plainValue(program.name)}: meet your peer${members.length > 2 ? 's' : ''}`,
    text: `Hello ${names},

you have been matched in ${plainValue(program.name)}.

${members.map((member) => `- ${plainValue(member.name)}: ${plainValue(member.summary, 400)}`).join('\n')}

You are at the same career stage and each of you has something to teach the others. Please use
"Reply all" to this email: it keeps all of you in one thread. Aim for an exchange about every
${program.cadenceDays} days.
${firstPrompt ? `\nTo start: ${plainValue(firstPrompt.title)}\n${plainValue(firstPrompt.body, 1000)}\n` : ''}
${signature(program)}`,
  };
}

export function promptMail(program: ProgramInfo, prompt: { title: string; body: string }): MailText {
  return {
    subject: plainValue(prompt.title),
    text: `A prompt for your next exchange: ${plainValue(prompt.title)}

${plainValue(prompt.body, 1000)}

Reply all to keep talking in this thread. Ignore this if you already have plenty to talk about.

${signature(program)}`,
  };
}

export function checkInMail(
  program: ProgramInfo,
  name: string,
  scoreLinks: string[],
  exitLink: string,
  goalLinks: { title: string; links: { label: string; url: string }[] }[] = [],
): MailText {
  const goals = goalLinks.length
    ? `\nHow are your goals coming along? One click per goal:\n\n${goalLinks
        .map((goal) =>
          [plainValue(goal.title, 220), ...goal.links.map((link) => `  ${link.label}: ${link.url}`)].join(
            '\n',
          ),
        )
        .join('\n\n')}\n`
    : '';
  return {
    subject: `${plainValue(program.name)}: how is it going?`,
    text: `Hello ${plainValue(name)},

how is your peer exchange going? One click is enough (1 = not well, 5 = great):

${scoreLinks.map((link, i) => `${i + 1}: ${link}`).join('\n')}
${goals}
You can add a comment on the page that opens. Only the program coordinators see your answer.

Not working out? You can leave without giving a reason; your peer will be told kindly and offered a
new match: ${exitLink}

${signature(program)}`,
  };
}

export function partnerLeftMail(program: ProgramInfo, name: string, rematchLink: string): MailText {
  return {
    subject: `${plainValue(program.name)}: a change in your match`,
    text: `Hello ${plainValue(name)},

your peer has had to step back from the program. This happens for all sorts of reasons and says
nothing about you or your conversations.

Would you like a new match? One click and the coordinators will include you in the next round:
${rematchLink}

${signature(program)}`,
  };
}

export function closureMail(program: ProgramInfo, name: string, surveyLink: string): MailText {
  return {
    subject: `${plainValue(program.name)}: thank you`,
    text: `Hello ${plainValue(name)},

${plainValue(program.name)} has come to an end. Thank you for the time you gave your peer, and for
everything you taught and learned.

Two minutes to help the next round: how was it, would you recommend it, what did you learn and what
did you teach?
${surveyLink}

${signature(program)}`,
  };
}

export function signUpConfirmMail(program: ProgramInfo, name: string, confirmLink: string): MailText {
  return {
    subject: `Confirm your sign-up for ${plainValue(program.name)}`,
    text: `Hello ${plainValue(name)},

please confirm that you want to join ${plainValue(program.name)}:
${confirmLink}

If you did not sign up, ignore this email and nothing happens.

${signature(program)}`,
  };
}
