// The intro mail: introduces the members of a pair or group to each other, says why they were matched.
import { type LayoutInput, layout, type RenderedMail } from './layout';
import { html, plain } from './render';

export interface IntroMember {
  name: string;
  email: string;
  offers: string[];
  seeks: string[];
}

export interface IntroInput {
  programName: string;
  members: IntroMember[];
  /** Plain-words reasons for the match. */
  why: string[];
  /** e.g. "every two weeks" */
  cadence?: string;
  firstPrompt?: string;
  exitUrl: string;
}

export function introMail(input: IntroInput): RenderedMail {
  const names = input.members.map((member) => member.name);
  const describe = (m: IntroMember) =>
    `${m.name} <${m.email}>: offers ${m.offers.join(', ') || '–'}; would like to learn ${m.seeks.join(', ') || '–'}`;
  const text = [
    `Hello ${names.join(', ')},`,
    `Welcome to ${input.programName}. You have been matched as peers:`,
    input.members.map((m) => `- ${describe(m)}`).join('\n'),
    ...(input.why.length ? [`Why you: ${input.why.join('; ')}.`] : []),
    `Reply all to this mail to start the conversation${input.cadence ? `, and aim to write ${input.cadence}` : ''}.`,
    ...(input.firstPrompt ? [`A first question to get going: ${input.firstPrompt}`] : []),
  ].map(plain);
  const body = html`<p>Hello ${names.join(', ')},</p>
<p>Welcome to <strong>${input.programName}</strong>. You have been matched as peers:</p>
<ul>${input.members.map((m) => html`<li><strong>${m.name}</strong> &lt;${m.email}&gt;: offers ${m.offers.join(', ') || '–'}; would like to learn ${m.seeks.join(', ') || '–'}</li>`)}</ul>
${input.why.length ? html`<p>Why you: ${input.why.join('; ')}.</p>` : ''}
<p>Reply all to this mail to start the conversation${input.cadence ? html`, and aim to write ${input.cadence}` : ''}.</p>
${input.firstPrompt ? html`<p>A first question to get going: <em>${input.firstPrompt}</em></p>` : ''}`;
  const mail: LayoutInput = {
    subject: `${input.programName}: meet ${names.join(' & ')}`,
    text,
    body,
    footer: { programName: input.programName, exitUrl: input.exitUrl },
  };
  return layout(mail);
}
