import { describe, expect, it } from 'vitest';
import { loadFixture } from '../testing';
import { AdapterError } from '../types';
import { roundcubeAdapter } from './adapter';
import {
  findRoundcubeCompose,
  isRoundcubePage,
  messageDocument,
  parseAddresses,
  parseMessages,
  parseSubject,
  parseThreadId,
} from './parsers';

const previewUrl = new URL(
  'https://mail.example.org/?_task=mail&_action=preview&_uid=42&_mbox=INBOX&_framed=1',
);

describe('Roundcube adapter', () => {
  const preview = loadFixture('roundcube/fixtures/preview-2026-11.html');
  const mail = loadFixture('roundcube/fixtures/mail-2026-11.html');
  const compose = loadFixture('roundcube/fixtures/compose-2026-11.html');

  it('recognises Roundcube pages by their markup', () => {
    expect(isRoundcubePage(mail)).toBe(true);
    expect(isRoundcubePage(loadFixture('generic/fixtures/message-2026-11.html'))).toBe(false);
  });

  it('knows whether a message is open', () => {
    expect(roundcubeAdapter.isThreadOpen(preview)).toBe(true);
    expect(roundcubeAdapter.isThreadOpen(mail)).toBe(false);
  });

  it('parses the subject without the screen-reader label', () => {
    expect(parseSubject(preview)).toBe('Re: Meet your Peerpost peer');
    expect(parseSubject(mail)).toBeNull();
  });

  it('identifies a message by folder and UID', () => {
    expect(parseThreadId(previewUrl)).toBe('INBOX/42');
    expect(parseThreadId(new URL('https://mail.example.org/?_task=mail'))).toBeNull();
  });

  it('parses sender, date and every header address', () => {
    expect(parseMessages(preview)).toEqual([{ from: 'ben@example.org', date: '2026-11-03 18:02' }]);
    expect(new Set(parseAddresses(preview))).toEqual(
      new Set(['ben@example.org', 'ana@example.org', 'mentoring+p-k3x9q2@example.org']),
    );
  });

  it('reads the message as a thread view', () => {
    expect(roundcubeAdapter.readThread(preview, previewUrl)).toMatchObject({
      provider: 'roundcube',
      providerThreadId: 'INBOX/42',
      subject: 'Re: Meet your Peerpost peer',
      plusTokens: ['k3x9q2'],
    });
    expect(roundcubeAdapter.readThread(mail, previewUrl)).toBeNull();
  });

  it('uses the page itself while the preview frame is empty', () => {
    expect(messageDocument(mail).doc).toBe(mail);
  });

  it('reports changed markup as an AdapterError', () => {
    expect(() =>
      roundcubeAdapter.readThread(loadFixture('roundcube/fixtures/changed-2026-11.html'), previewUrl),
    ).toThrow(AdapterError);
  });

  it('finds the plain-text compose body', () => {
    expect(findRoundcubeCompose(compose)?.id).toBe('composebody');
    expect(findRoundcubeCompose(preview)).toBeNull();
  });
});
