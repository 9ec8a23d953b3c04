// The words of a partnership agreement: how often the pair writes, confidentiality, that both teach and
// learn, and that either can end it without fault.
export const MIN_CADENCE_DAYS = 1;
export const MAX_CADENCE_DAYS = 90;
/** Agreements are offered to pairs in their first week. */
export const AGREEMENT_WINDOW_DAYS = 7;

export function agreementTerms(cadenceDays: number): string[] {
  return [
    `We write to each other at least every ${cadenceDays} day${cadenceDays === 1 ? '' : 's'}.`,
    'What we share stays between us.',
    'Both of us teach and both of us learn.',
    'Either of us can end the partnership at any time, without fault, by telling the other or the coordinator.',
  ];
}

export function validCadence(days: unknown): days is number {
  return (
    Number.isInteger(days) && (days as number) >= MIN_CADENCE_DAYS && (days as number) <= MAX_CADENCE_DAYS
  );
}
