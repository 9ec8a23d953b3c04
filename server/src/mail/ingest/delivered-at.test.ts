import { describe, expect, it } from 'vitest';
import { deliveredAt } from './delivered-at';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const at = (...lines: string[]) => deliveredAt(Buffer.from(lines.join('\r\n')), NOW);

describe('deliveredAt', () => {
  it('reads the date of the Received field a delivery put on top', () => {
    expect(
      at(
        'Return-Path: <sender@example.org>',
        'Delivered-To: program@example.org',
        'Received: from [127.0.0.1] ([127.0.0.1])',
        '\tby mail with LMTP',
        '\tid 3gdpMQw+DWvyFgAAg+zDdQ',
        '\t(envelope-from <sender@example.org>)',
        '\tfor <program@example.org>; Mon, 30 Nov 2026 09:12:44 +0000',
        'Received: from earlier.example by relay.example; Mon, 30 Nov 2026 08:00:00 +0000',
        'From: ana@example.org',
        '',
        'Received: in the body; Mon, 30 Nov 2026 07:00:00 +0000',
      ),
    ).toEqual(new Date('2026-11-30T09:12:44Z'));
  });

  it('accepts any case, LF line breaks, zones and comments', () => {
    const raw = Buffer.from(
      'RECEIVED: by mx.example;\n Mon, 30 Nov 2026 01:12:44 -0800 (PST)\nFrom: ana@example.org\n\nHello\n',
    );
    expect(deliveredAt(raw, NOW)).toEqual(new Date('2026-11-30T09:12:44Z'));
  });

  it('is null without a Received field in the header block', () => {
    expect(
      at(
        'From: ana@example.org',
        'Subject: Received: later',
        '',
        'Received: x; Mon, 30 Nov 2026 09:00:00 +0000',
      ),
    ).toBeNull();
    expect(
      at('X-Received: by x; Mon, 30 Nov 2026 09:12:44 +0000', 'From: ana@example.org', '', ''),
    ).toBeNull();
    expect(deliveredAt(Buffer.alloc(0), NOW)).toBeNull();
  });

  it('is null for a date that cannot be a delivery time', () => {
    expect(at('Received: by mx.example; yesterday', '', '')).toBeNull();
    expect(at('Received: by mx.example', '', '')).toBeNull();
    // Date.parse would read these as 2001-05-01 and 2026-01-01.
    expect(at('Received: by mx.example; 5', '', '')).toBeNull();
    expect(at('Received: by mx.example id 2026', '', '')).toBeNull();
    expect(at('Received: by mx.example; Sat, 1 Jan 1900 00:00:00 +0000', '', '')).toBeNull();
    expect(at('Received: by mx.example; Wed, 2 Dec 2026 12:00:01 +0000', '', '')).toBeNull();
  });
});
