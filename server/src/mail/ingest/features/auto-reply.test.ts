import { describe, expect, it } from 'vitest';
import { isAutoReply } from './auto-reply';

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe('isAutoReply', () => {
  it('honours RFC 3834 Auto-Submitted', () => {
    expect(isAutoReply(headers({ 'auto-submitted': 'auto-replied' }), 'Re: hi')).toBe(true);
    expect(isAutoReply(headers({ 'auto-submitted': 'auto-generated' }), 'x')).toBe(true);
    expect(isAutoReply(headers({ 'auto-submitted': 'no' }), 'Re: hi')).toBe(false);
  });
  it('recognises X-Autoreply, X-Autorespond and Precedence', () => {
    expect(isAutoReply(headers({ 'x-autoreply': 'yes' }), 'Re: hi')).toBe(true);
    expect(isAutoReply(headers({ 'x-autorespond': 'true' }), 'Re: hi')).toBe(true);
    expect(isAutoReply(headers({ precedence: 'auto_reply' }), 'Re: hi')).toBe(true);
    expect(isAutoReply(headers({ precedence: 'bulk' }), 'hi')).toBe(true);
    expect(isAutoReply(headers({ precedence: 'list' }), 'hi')).toBe(false);
  });
  it('recognises auto-reply subjects in several languages', () => {
    for (const subject of [
      'Automatic reply: Meet your peer',
      'Auto-Reply: hi',
      'Out of Office: hi',
      'Abwesenheitsnotiz: hi',
      'Automatische Antwort: hi',
      'Réponse automatique : hi',
      'Respuesta automática: hi',
      'Risposta automatica: hi',
      'Automatisch antwoord: hi',
      'Resposta automática: hi',
      'Autosvar: hi',
    ]) {
      expect(isAutoReply(headers({}), subject), subject).toBe(true);
    }
  });
  it('does not flag an ordinary reply', () => {
    expect(isAutoReply(headers({}), 'Re: Meet your peer')).toBe(false);
    expect(isAutoReply(headers({}), 'About the office move')).toBe(false);
  });
});
