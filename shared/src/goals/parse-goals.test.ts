import { describe, expect, it } from 'vitest';
import { maxGoalLength, normaliseGoals, parseGoals } from './parse-goals';

describe('parseGoals', () => {
  it('reads "Goal:", "Learn:" and "Offer:" lines, bullets, numbers and long forms', () => {
    expect(
      parseGoals('Hi!\nGoal: negotiate a raise\n- I want to learn: public speaking\n2. I can offer: SQL'),
    ).toEqual([
      { kind: 'learn', text: 'negotiate a raise' },
      { kind: 'learn', text: 'public speaking' },
      { kind: 'offer', text: 'SQL' },
    ]);
    expect(parseGoals('GOAL 1: write a design doc\r\n**Offer**: code review')).toEqual([
      { kind: 'learn', text: 'write a design doc' },
      { kind: 'offer', text: 'code review' },
    ]);
  });

  it('reads Spanish, French, German and Portuguese labels', () => {
    expect(parseGoals('Objetivo: liderar un equipo\nOfrecer: diseño de APIs')).toEqual([
      { kind: 'learn', text: 'liderar un equipo' },
      { kind: 'offer', text: 'diseño de APIs' },
    ]);
    expect(parseGoals('Objectif : parler en public\nJe peux offrir: relecture')).toEqual([
      { kind: 'learn', text: 'parler en public' },
      { kind: 'offer', text: 'relecture' },
    ]);
    expect(parseGoals('Ziel: bessere Präsentationen\nAnbieten: Statistik')).toEqual([
      { kind: 'learn', text: 'bessere Präsentationen' },
      { kind: 'offer', text: 'Statistik' },
    ]);
    expect(parseGoals('Quero aprender: falar em público\nOferecer: planilhas')).toEqual([
      { kind: 'learn', text: 'falar em público' },
      { kind: 'offer', text: 'planilhas' },
    ]);
  });

  it('ignores quoted lines and everything after "On … wrote:" or a signature', () => {
    const body =
      'Learn: Rust\n> Learn: quoted\n\nOn Mon, 3 Mar 2026 at 10:00, Ana <a@example.org> wrote:\nOffer: old';
    expect(parseGoals(body)).toEqual([{ kind: 'learn', text: 'Rust' }]);
    expect(parseGoals('Offrir: cartes\nLe lun. 3 mars, Ana a écrit :\nOffrir: vieux')).toEqual([
      { kind: 'offer', text: 'cartes' },
    ]);
    expect(parseGoals('Goal: ship it\n--\nGoal: my signature line')).toEqual([
      { kind: 'learn', text: 'ship it' },
    ]);
  });

  it('drops junk, duplicates and control characters, caps length and keeps at most three', () => {
    const body = [
      'Learn: ',
      'Learn: ??? 123',
      'Learn: https://example.org/x',
      'Goal: n/a',
      'Goal: <script>alert(1)</script>',
      'Learn:   Data   visualisation ',
      'learn: data visualisation',
      `Offer: ${'x'.repeat(500)}`,
      'Learn: Kotlin',
      'Learn: Elixir',
      'Nothing to see: here',
    ].join('\n');
    const goals = parseGoals(body);
    expect(goals.map((g) => g.text.slice(0, 20))).toEqual([
      '<script>alert(1)</sc',
      'Data visualisation',
      'x'.repeat(20),
    ]);
    expect(goals[2]!.text).toHaveLength(maxGoalLength);
    expect(goals[2]!.text.endsWith('…')).toBe(true);
    expect(parseGoals('Thanks, talk soon! My goal is to relax: maybe')).toEqual([]);
    expect(parseGoals('\u0000\u0001Goal: a\u0007b')).toEqual([]);
    expect(normaliseGoals([{ kind: 'learn', text: 'Line\nbreak\u2028here' }])).toEqual([
      { kind: 'learn', text: 'Line break here' },
    ]);
  });

  it('never hangs on huge or binary-looking input', () => {
    const [long] = parseGoals(`${'Goal: '.repeat(50_000)}\n\u0000\uffff`);
    expect(long!.text.length).toBeLessThanOrEqual(maxGoalLength);
    expect(parseGoals('Goal: one\n'.repeat(10_000))).toEqual([{ kind: 'learn', text: 'one' }]);
  });
});
