import { describe, expect, it } from 'vitest';
import { isAllowedSender } from './sender-policy';

const id = 'abcdefghijklmnopabcdefghijklmnop';

describe('isAllowedSender', () => {
  it('rejects other extensions and web pages', () => {
    expect(isAllowedSender('getContext', { id: 'someone-else', url: 'https://mail.google.com/' }, id)).toBe(
      false,
    );
    expect(isAllowedSender('getContext', { url: 'https://mail.google.com/' }, id)).toBe(false);
  });

  it('lets content scripts make the sidebar calls only', () => {
    const contentScript = { id, url: 'https://mail.google.com/mail/u/0/', tab: { id: 1 } };
    expect(isAllowedSender('getContext', contentScript, id)).toBe(true);
    expect(isAllowedSender('submitCheckIn', contentScript, id)).toBe(true);
    expect(isAllowedSender('getSession', contentScript, id)).toBe(false);
    expect(isAllowedSender('verifyCode', contentScript, id)).toBe(false);
    expect(isAllowedSender('apiGet', contentScript, id)).toBe(false);
  });

  it('lets the extension pages make every call', () => {
    expect(isAllowedSender('getSession', { id, url: `chrome-extension://${id}/popup.html` }, id)).toBe(true);
    expect(
      isAllowedSender('apiPost', { id, url: `chrome-extension://${id}/dashboard.html`, tab: {} }, id),
    ).toBe(true);
  });
});
