import { describe, expect, it } from 'vitest';
import { checkInMail, introMail, noticeMail, nudgeMail, promptMail, signInCodeMail } from './index';
import { escapeHtml, headerText, html, plain, safeUrl } from './render';

const hostile = `<script>alert("x")</script> & 'Bob'`;
const exitUrl = 'https://peerpost.example/exit/abc?x=1&y=2';

describe('template helper', () => {
  it('escapes every interpolated value, including nested lists', () => {
    expect(escapeHtml(hostile)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bob&#39;');
    expect(html`<p>${hostile}</p>`.value).not.toContain('<script>');
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.value).toBe(
      '<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>',
    );
  });

  it('keeps header values on one line and text free of control characters', () => {
    expect(headerText('Hi\r\nBcc: victim@example.org')).toBe('Hi Bcc: victim@example.org');
    expect(plain('a\u0000b\r\nc\u001b[31m')).toBe('ab\nc[31m');
    expect(headerText('x'.repeat(300))).toHaveLength(200);
  });

  it('refuses links that are not http(s)', () => {
    expect(() => safeUrl('javascript:alert(1)')).toThrow(/javascript:/);
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x');
  });
});

describe('layouts', () => {
  const intro = introMail({
    programName: 'Peers <2026>',
    members: [
      { name: hostile, email: 'bob@example.org', offers: ['SQL'], seeks: ['<b>design</b>'] },
      { name: 'Ana', email: 'ana@example.org', offers: ['design'], seeks: ['SQL'] },
    ],
    why: ['same career stage', 'SQL ↔ design'],
    cadence: 'every two weeks',
    firstPrompt: 'What are you working on?',
    exitUrl,
  });
  const all = {
    intro,
    prompt: promptMail({
      programName: 'P',
      recipientNames: [hostile, 'Ana'],
      title: hostile,
      body: hostile,
      exitUrl,
    }),
    checkIn: checkInMail({
      programName: 'P',
      recipientName: hostile,
      question: hostile,
      answers: [{ label: hostile, url: 'https://peerpost.example/c/1?a=great' }],
      exitUrl,
    }),
    nudge: nudgeMail({
      programName: 'P',
      recipientName: hostile,
      reason: hostile,
      suggestion: hostile,
      action: { label: hostile, url: 'https://peerpost.example/n/1' },
      exitUrl,
    }),
    notice: noticeMail({
      subject: hostile,
      recipientName: hostile,
      paragraphs: [hostile],
      program: { name: 'P', exitUrl },
    }),
    signIn: signInCodeMail({ code: '123456', minutesValid: 10, signInUrl: 'https://peerpost.example/s?t=1' }),
  };

  it.each(Object.entries(all))(
    '%s: escapes user values in HTML and keeps them readable in text',
    (_name, mail) => {
      expect(mail.html).not.toMatch(/<script|<b>design/);
      expect(mail.html.startsWith('<!doctype html>')).toBe(true);
      expect(mail.text.endsWith('\n')).toBe(true);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
    },
  );

  it('puts the exit link in program mail and List-Unsubscribe, never in the sign-in mail', () => {
    for (const mail of [all.intro, all.prompt, all.checkIn, all.nudge, all.notice]) {
      expect(mail.headers['List-Unsubscribe']).toBe(`<${exitUrl}>`);
      expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.text).toContain(exitUrl);
      expect(mail.html).toContain('href="https://peerpost.example/exit/abc?x=1&amp;y=2"');
      expect(mail.text).toMatch(/no fault/);
    }
    expect(all.signIn.headers['List-Unsubscribe']).toBeUndefined();
    expect(all.signIn.text).toContain('123456');
  });

  it('writes the intro in plain words with both members', () => {
    expect(intro.subject).toBe(`Peers <2026>: meet ${hostile} & Ana`);
    expect(intro.text).toContain('- Ana <ana@example.org>: offers design; would like to learn SQL');
    expect(intro.text).toContain('Why you: same career stage; SQL ↔ design.');
    expect(intro.html).toContain('<strong>Peers &lt;2026&gt;</strong>');
  });

  it('refuses a check-in answer link that is not http(s)', () => {
    expect(() =>
      checkInMail({
        programName: 'P',
        recipientName: 'A',
        question: 'Q',
        answers: [{ label: 'x', url: 'javascript:1' }],
        exitUrl,
      }),
    ).toThrow();
  });
});
