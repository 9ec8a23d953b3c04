// The text a person actually wrote in a reply: quoted history and signatures removed, so that
// length and questions measure new engagement, not the thread repeated back.
import { isWhitespace } from './questions';

/** Lines that start the quoted history in common clients; everything from there on is quoted. */
const quoteHeaderPatterns: RegExp[] = [
  // Gmail / Apple Mail / Thunderbird: "On Tue, 3 Mar 2026 at 10:00, Ana <ana@x> wrote:" (several languages)
  /^\s*(On|Am|Le|El|Il|Op|Em)\s.{0,300}(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu)\b.{0,200}:\s*$/i,
  // Outlook: "-----Original Message-----" and its translations
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}\s*$/i,
  // Outlook web/desktop header block: "From: …" directly followed by Sent:/Date:
  /^\s*_{10,}\s*$/,
  // Forwarded blocks
  /^\s*-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^\s*Begin forwarded message:\s*$/i,
];

const outlookHeaderStart = /^\s*\*?(From|Von|De|Da|Van)\s*:\*?\s/i;
const outlookHeaderNext = /^\s*\*?(Sent|Date|Gesendet|Envoyé|Enviado|Inviato|Verzonden|To|An|À)\s*:\*?\s/i;

/** Mobile and client sign-offs that act as signatures. */
const mobileSignature =
  /^\s*(Sent from my (iPhone|iPad|Android|mobile|Galaxy|phone)|Sent from (Outlook|Mail|Yahoo Mail|Gmail)( for (iOS|Android))?|Get Outlook for (iOS|Android)|Von meinem (iPhone|iPad|Smartphone) gesendet|Envoyé de mon (iPhone|iPad)|Enviado desde mi (iPhone|iPad)|Inviato da iPhone)\b.*$/i;

/** Splits a plain-text body into the new part, dropping quoted history and signatures. */
export function newText(body: string): string {
  // Parsed text usually has its line breaks normalised already: no second pass over it then.
  const lines = (body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body).split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (quoteHeaderPatterns.some((pattern) => pattern.test(line))) break;
    // "On … wrote:" that a client wrapped over two lines.
    if (/^\s*On\s/i.test(line) && i + 1 < lines.length && /wrote:\s*$/i.test(lines[i + 1]!)) break;
    if (outlookHeaderStart.test(line) && i + 1 < lines.length && outlookHeaderNext.test(lines[i + 1]!)) break;
    // RFC 3676 §4.3 signature separator "-- " (and the common variant without the space).
    if (line === '-- ' || line === '--') break;
    if (mobileSignature.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

/** Length of the new text in characters, whitespace runs counted once. */
export function newTextLength(body: string): number {
  return collapsedLength(newText(body));
}

/**
 * Length of a text with whitespace runs counted once (for a `newText` result already at hand): what
 * `text.replace(/\s+/g, ' ').length` gives, without making that string.
 */
export function collapsedLength(text: string): number {
  let length = 0;
  let inWhitespace = false;
  for (let i = 0; i < text.length; i++) {
    const whitespace = isWhitespace(text.charCodeAt(i));
    if (!whitespace || !inWhitespace) length++;
    inWhitespace = whitespace;
  }
  return length;
}
