// Recognises automatic mail (RFC 3834 and the headers common servers add instead), so out-of-office
// replies and vacation notices never count as engagement.

export type HeaderLookup = (name: string) => string | undefined;

const autoReplySubject =
  /^\s*(auto(matic)?[\s-]*(reply|response|answer)|out of (the )?office|away from (the )?office|on vacation|abwesenheit(snotiz)?|automatische antwort|r[ée]ponse automatique|absence du bureau|respuesta autom[aá]tica|fuera de la oficina|risposta automatica|fuori ufficio|automatisch antwoord|afwezig|resposta autom[aá]tica|fora do escrit[oó]rio|autosvar|automaattinen vastaus|odpowied[zź] automatyczna)\b/i;

export function isAutoReply(header: HeaderLookup, subject: string): boolean {
  const autoSubmitted = header('auto-submitted')?.trim().toLowerCase();
  // RFC 3834 §5: anything but "no" marks automatic mail.
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (header('x-autoreply') || header('x-autorespond') || header('x-autoresponder')) return true;
  const suppress = header('x-auto-response-suppress')?.toLowerCase() ?? '';
  if (/\b(all|oof|autoreply)\b/.test(suppress) && autoReplySubject.test(subject)) return true;
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply' || precedence === 'bulk' || precedence === 'junk') return true;
  if (header('x-ms-exchange-inbox-rules-loop') || header('x-ms-exchange-generated-message-source')) {
    return autoReplySubject.test(subject);
  }
  return autoReplySubject.test(subject);
}
