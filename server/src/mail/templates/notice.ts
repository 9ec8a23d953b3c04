// A general notice (program changes, match ended, coordinator messages): a subject and paragraphs.
import { layout, paragraphs, type RenderedMail } from './layout';

export interface NoticeInput {
  subject: string;
  recipientName?: string;
  paragraphs: string[];
  /** Program notices carry the exit link; notices outside a program do not. */
  program?: { name: string; exitUrl: string };
}

export function noticeMail(input: NoticeInput): RenderedMail {
  const lines = input.recipientName
    ? [`Hello ${input.recipientName},`, ...input.paragraphs]
    : input.paragraphs;
  return layout({
    subject: input.program ? `${input.program.name}: ${input.subject}` : input.subject,
    ...paragraphs(lines),
    footer: input.program && { programName: input.program.name, exitUrl: input.program.exitUrl },
  });
}
