import { seededRandom } from '@peerpost/shared';
import { describe, expect, it } from 'vitest';
import { collapsedLength, newText, newTextLength } from './new-text';

describe('newText', () => {
  it('keeps a plain message whole', () => {
    expect(newText('Hello Ana,\nthanks for the intro.')).toBe('Hello Ana,\nthanks for the intro.');
  });
  it('drops Gmail quoting after "On … wrote:"', () => {
    const body =
      'Sounds great!\n\nOn Tue, 3 Mar 2026 at 10:00, Ana Lima <ana@example.org> wrote:\n> Shall we talk?\n> Ana';
    expect(newText(body)).toBe('Sounds great!');
  });
  it('drops a Gmail header wrapped over two lines', () => {
    expect(newText('Yes.\n\nOn Tue, 3 Mar 2026 at 10:00, Ana Lima <ana@example.org>\nwrote:\n> Hi')).toBe(
      'Yes.',
    );
  });
  it('drops Apple Mail quoting', () => {
    expect(newText('Fine by me\n\n> On 3 Mar 2026, at 10:00, Ana <ana@example.org> wrote:\n> \n> Hi')).toBe(
      'Fine by me',
    );
  });
  it('drops German and French reply headers', () => {
    expect(newText('Gerne!\n\nAm 03.03.2026 um 10:00 schrieb Ana <ana@example.org>:\n> Hallo')).toBe(
      'Gerne!',
    );
    expect(newText('Oui\n\nLe mar. 3 mars 2026 à 10:00, Ana <ana@example.org> a écrit :\n> Salut')).toBe(
      'Oui',
    );
  });
  it('drops Outlook "-----Original Message-----" blocks', () => {
    const body =
      'See you Friday.\n\n-----Original Message-----\nFrom: Ana\nSent: Tuesday\nSubject: Hi\n\nShall we?';
    expect(newText(body)).toBe('See you Friday.');
  });
  it('drops Outlook From:/Sent: header blocks', () => {
    const body =
      'Works for me.\n\nFrom: Ana Lima <ana@example.org>\nSent: Tuesday, March 3, 2026 10:00 AM\nTo: Ben\nSubject: Hi';
    expect(newText(body)).toBe('Works for me.');
  });
  it('drops Outlook underscore separators', () => {
    expect(newText('Ok\n\n________________________________\nFrom: Ana')).toBe('Ok');
  });
  it('keeps a line starting with "From:" that is not a header block', () => {
    expect(newText('From: my side, all good.\nBye')).toBe('From: my side, all good.\nBye');
  });
  it('removes interleaved > quoting but keeps inline answers', () => {
    expect(newText('> Question one?\nAnswer one.\n> Question two?\nAnswer two.')).toBe(
      'Answer one.\nAnswer two.',
    );
  });
  it('cuts at the "-- " signature separator', () => {
    expect(newText('Thanks!\n-- \nBen Otto\nEngineer')).toBe('Thanks!');
  });
  it('cuts mobile signatures', () => {
    expect(newText('On my way\n\nSent from my iPhone')).toBe('On my way');
    expect(newText('Ok\n\nGet Outlook for Android')).toBe('Ok');
    expect(newText('Ja\n\nVon meinem iPhone gesendet')).toBe('Ja');
  });
  it('cuts forwarded blocks', () => {
    expect(newText('FYI\n\n---------- Forwarded message ---------\nFrom: x')).toBe('FYI');
  });
  it('handles CRLF line ends', () => {
    expect(newText('Hi\r\n\r\nOn Mon, Ana wrote:\r\n> x')).toBe('Hi');
  });
  it('counts length with collapsed whitespace', () => {
    expect(newTextLength('a   b\n\nc')).toBe(5);
    expect(newTextLength('')).toBe(0);
  });
});

describe('collapsedLength', () => {
  it('counts what collapsing whitespace runs with a regular expression counts, Unicode spaces included', () => {
    const random = seededRandom(7);
    const pieces = [
      'a',
      'é',
      '日',
      '🙂',
      ' ',
      '\t',
      '\n',
      '\r',
      '\v',
      '\f',
      '\u00a0',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u200b',
    ];
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: random.int(0, 40) }, () => random.pick(pieces)).join('');
      expect(collapsedLength(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').length);
    }
  });
});
