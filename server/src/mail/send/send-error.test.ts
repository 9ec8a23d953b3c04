import { describe, expect, it } from 'vitest';
import { classifySmtpError, MailSendError, sendErrorCodes } from './send-error';

describe('sendErrorCodes', () => {
  it('is one pinned list, each code described', () => {
    expect(Object.keys(sendErrorCodes)).toEqual([
      'ESMTPTRANSIENT',
      'ESMTPPERMANENT',
      'ECONNECTION',
      'EUNDELIVERABLE',
      'EFILEOUTBOX',
      'EEVIDENCE',
      'EATTEMPTS',
    ]);
    for (const description of Object.values(sendErrorCodes)) expect(description.length).toBeGreaterThan(20);
  });
});

describe('classifySmtpError', () => {
  const smtp = (responseCode: number | undefined, command: string, extra: object = {}) =>
    Object.assign(new Error('failed'), {
      code: 'EENVELOPE',
      responseCode,
      command,
      response: responseCode ? `${responseCode} 4.3.0 try later` : undefined,
      ...extra,
    });

  it.each([421, 450, 451, 452, 503])('treats %i as transient', (code) => {
    const error = classifySmtpError(smtp(code, 'DATA'));
    expect(error).toMatchObject({ code: 'ESMTPTRANSIENT', outcome: 'transient', responseCode: code });
  });

  it.each([550, 551, 552, 553, 554])('treats %i as permanent', (code) => {
    expect(classifySmtpError(smtp(code, 'RCPT TO'))).toMatchObject({
      code: 'ESMTPPERMANENT',
      outcome: 'permanent',
      command: 'RCPT TO',
    });
  });

  it('treats a lost connection without a reply as uncertain', () => {
    const lost = Object.assign(new Error('Connection closed unexpectedly'), {
      code: 'ECONNECTION',
      command: 'CONN',
    });
    expect(classifySmtpError(lost)).toMatchObject({ code: 'ECONNECTION', outcome: 'uncertain' });
    expect(classifySmtpError(new Error('socket hang up')).outcome).toBe('uncertain');
    expect(classifySmtpError(undefined).outcome).toBe('uncertain');
  });

  it('lists only permanently refused recipients as rejected', () => {
    const error = classifySmtpError(
      smtp(550, 'RCPT TO', {
        rejectedErrors: [
          { recipient: 'gone@example.org', responseCode: 550 },
          { recipient: 'busy@example.org', responseCode: 450 },
        ],
      }),
    );
    expect(error.rejected).toEqual(['gone@example.org']);
  });

  it('summarises with protocol context and keeps MailSendErrors as they are', () => {
    const error = classifySmtpError(smtp(451, 'DATA'));
    expect(error.summary()).toBe('ESMTPTRANSIENT (DATA 451): 451 4.3.0 try later');
    expect(classifySmtpError(error)).toBe(error);
    expect(error).toBeInstanceOf(MailSendError);
  });
});
