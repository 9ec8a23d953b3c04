// The shared frame of every Peerpost mail: plain text first, a simple HTML alternative, and for program
// mail a no-fault exit link that is also the List-Unsubscribe target (RFC 2369, one-click per RFC 8058).
import { headerText, html, plain, type SafeHtml, safeUrl } from './render';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface ProgramFooter {
  programName: string;
  /** Leaves the program without blame to anyone; also used for List-Unsubscribe. */
  exitUrl: string;
}

export interface LayoutInput {
  subject: string;
  /** Paragraphs of the text part, already plain text. */
  text: string[];
  /** The HTML body (inside the frame). */
  body: SafeHtml;
  /** Present for program mail (intro, prompt, check-in, nudge, notice); absent for sign-in mail. */
  footer?: ProgramFooter;
}

export function layout({ subject, text, body, footer }: LayoutInput): RenderedMail {
  // RFC 3834: automated mail says so, so auto-responders stay quiet and Peerpost can ignore echoes.
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  const paragraphs = text.map(plain);
  let footerHtml = html``;
  if (footer) {
    const exitUrl = safeUrl(footer.exitUrl);
    headers['List-Unsubscribe'] = `<${exitUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    paragraphs.push(
      '--',
      `You receive this because you take part in ${plain(footer.programName)}.`,
      `To leave the program at any time, no questions asked and no fault to anyone: ${exitUrl}`,
    );
    footerHtml = html`<hr><p style="color:#666;font-size:12px">You receive this because you take part in ${footer.programName}.
<a href="${exitUrl}">Leave the program</a> at any time, no questions asked and no fault to anyone.</p>`;
  }
  const subjectLine = headerText(subject);
  return {
    subject: subjectLine,
    text: `${paragraphs.join('\n\n')}\n`,
    html: html`<!doctype html><html><head><meta charset="utf-8"><title>${subjectLine}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">${body}${footerHtml}</body></html>`
      .value,
    headers,
  };
}

/** Text paragraphs and matching <p> elements from the same strings, so the two parts never drift. */
export function paragraphs(lines: string[]): { text: string[]; body: SafeHtml } {
  return { text: lines, body: html`${lines.map((line) => html`<p>${line}</p>`)}` };
}
