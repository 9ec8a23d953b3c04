// The plain-text mails of the partnership: the agreement, the dormancy notice and the closing thank-you.
// Every user value goes through plainValue.
import type { MailText } from './plain-text';
import { plainValue } from './plain-text';

interface ProgramInfo {
  name: string;
}

const signature = (program: ProgramInfo) => `— ${plainValue(program.name)} (sent by Peerpost)`;

export function agreementMail(
  program: ProgramInfo,
  name: string,
  terms: string[],
  acceptLink: string,
): MailText {
  return {
    subject: `${plainValue(program.name)}: your partnership agreement`,
    text: `Hello ${plainValue(name)},

before you get going, here is a short agreement for your partnership:

${terms.map((term) => `- ${plainValue(term, 300)}`).join('\n')}

Accept it with one click (the page that opens has one button):
${acceptLink}

You can also accept it, or suggest another rhythm to your peer, in the Peerpost sidebar.

${signature(program)}`,
  };
}

export function conclusionNoticeMail(
  program: ProgramInfo,
  name: string,
  quietDays: number,
  noticeDays: number,
  keepGoingLink: string,
): MailText {
  return {
    subject: `${plainValue(program.name)}: keep going?`,
    text: `Hello ${plainValue(name)},

it has been quiet in your partnership for about ${quietDays} days, and that is fine: life gets busy.

Would you like to keep going? Reply to your peer in your thread, or click here:
${keepGoingLink}

Otherwise this partnership closes in ${noticeDays} days, with our thanks. Nobody is at fault either way.

${signature(program)}`,
  };
}

export function conclusionThanksMail(program: ProgramInfo, name: string, rematchLink: string): MailText {
  return {
    subject: `${plainValue(program.name)}: thank you`,
    text: `Hello ${plainValue(name)},

your partnership has now closed. Thank you for the time and care you gave each other, and for
everything you taught and learned.

Would you like a new peer? One click and the coordinators will include you in the next round:
${rematchLink}

${signature(program)}`,
  };
}
