import { describe, expect, it } from 'vitest';
import { detectBounce } from './bounce';

describe('detectBounce', () => {
  it('reads failed recipients from an RFC 3464 report', () => {
    const status =
      'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; gone@example.net\nAction: failed\nStatus: 5.1.1\n\nFinal-Recipient: rfc822; later@example.net\nAction: delayed\nStatus: 4.0.0\n';
    expect(
      detectBounce({
        contentType: 'multipart/report; report-type=delivery-status; boundary="x"',
        from: 'MAILER-DAEMON@example.org',
        subject: 'Undelivered Mail Returned to Sender',
        deliveryStatus: status,
        text: '',
      }),
    ).toEqual({ failedRecipients: ['gone@example.net'] });
  });
  it('reads a non-standard bounce from the text', () => {
    expect(
      detectBounce({
        contentType: 'text/plain',
        from: 'mailer-daemon@example.org',
        subject: 'Mail delivery failed: returning message to sender',
        text: 'This message could not be delivered to <gone@example.net>. Sorry.',
      }),
    ).toEqual({ failedRecipients: ['gone@example.net'] });
  });
  it('ignores ordinary mail', () => {
    expect(
      detectBounce({
        contentType: 'text/plain',
        from: 'ana@example.org',
        subject: 'Returned mail?',
        text: '',
      }),
    ).toBeNull();
  });
});
