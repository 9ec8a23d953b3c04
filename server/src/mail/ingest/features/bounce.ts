// Delivery status notifications (RFC 3464): a bounce marks the failed recipients undeliverable.

export interface BounceInfo {
  /** Addresses the DSN reports as failed (Action: failed). */
  failedRecipients: string[];
}

export interface BounceInput {
  contentType: string;
  from: string;
  subject: string;
  /** Text of the message/delivery-status part when there is one. */
  deliveryStatus?: string;
  /** Plain-text body, for non-standard bounces. */
  text: string;
}

const bounceSender = /^(mailer-daemon|postmaster|mail-daemon)@/i;
const bounceSubject =
  /^\s*(undeliver(able|ed) mail|delivery status notification \(failure\)|mail delivery (failed|failure|subsystem)|returned mail|failure notice|undelivered mail returned to sender|delivery has failed|nicht zustellbar|non remis)/i;

export function detectBounce(input: BounceInput): BounceInfo | null {
  const isReport =
    /multipart\/report/i.test(input.contentType) &&
    /report-type\s*=\s*"?delivery-status/i.test(input.contentType);
  const looksLikeBounce = isReport || (bounceSender.test(input.from) && bounceSubject.test(input.subject));
  if (!looksLikeBounce) return null;
  const failed = new Set<string>();
  if (input.deliveryStatus) {
    // Per-recipient blocks are separated by blank lines (RFC 3464 §2.1).
    for (const block of input.deliveryStatus.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
      const action = /^action:\s*(\S+)/im.exec(block)?.[1]?.toLowerCase();
      const recipient = /^(?:final|original)-recipient:\s*(?:rfc822;)?\s*<?([^\s<>;]+@[^\s<>;]+)>?/im.exec(
        block,
      )?.[1];
      if (recipient && action === 'failed') failed.add(recipient.toLowerCase());
    }
  }
  if (failed.size === 0) {
    // Non-standard bounce: the first address in the text after a typical phrase.
    const match =
      /(?:following (?:address|recipient)[^\n]*:|could not be delivered to|delivery to the following recipient[^\n]*failed[^\n]*:?)\s*<?([^\s<>@]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec(
        input.text,
      );
    if (match?.[1]) failed.add(match[1].toLowerCase());
  }
  return { failedRecipients: [...failed] };
}
