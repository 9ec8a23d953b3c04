// Shared working hours of two people in different IANA time zones, for one reference date (offsets
// change with daylight saving time, so the date matters).

export interface WorkingHours {
  /** Local hour the working day starts, 0–24. */
  start: number;
  /** Local hour it ends, 0–24 (may be below start for a day that crosses midnight). */
  end: number;
}

export const defaultWorkingHours: WorkingHours = { start: 9, end: 17 };

const offsetCache = new Map<string, number>();

/** The zone's offset from UTC in minutes on the reference date (e.g. +60 for Europe/Berlin in winter). */
export function utcOffsetMinutes(timeZone: string, reference: Date): number {
  const day = reference.toISOString().slice(0, 10);
  const key = `${timeZone}|${day}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let offset = 0;
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${day}T12:00:00Z`))
      .find((part) => part.type === 'timeZoneName')?.value;
    const found = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
    if (found) offset = (found[1] === '-' ? -1 : 1) * (Number(found[2]) * 60 + Number(found[3]));
  } catch {
    offset = 0; // an unknown zone counts as UTC; enrolment already rejects unknown zones
  }
  offsetCache.set(key, offset);
  return offset;
}

/** The working day as minute intervals on a 24 h UTC circle. */
export function utcIntervals(hours: WorkingHours, offset: number): [number, number][] {
  const day = 24 * 60;
  const start = (((hours.start * 60 - offset) % day) + day) % day;
  let length = (hours.end - hours.start) * 60;
  if (length <= 0) length += day;
  length = Math.min(length, day);
  return start + length <= day
    ? [[start, start + length]]
    : [
        [start, day],
        [0, start + length - day],
      ];
}

/** Hours two UTC interval lists (from utcIntervals) have in common. */
export function overlapHours(left: readonly [number, number][], right: readonly [number, number][]): number {
  let minutes = 0;
  for (const [s1, e1] of left) {
    for (const [s2, e2] of right) minutes += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  }
  return minutes / 60;
}

/** Hours both people are at work on the reference date (0–24). */
export function sharedWorkingHours(
  a: { timeZone: string; hours: WorkingHours },
  b: { timeZone: string; hours: WorkingHours },
  reference: Date,
): number {
  return overlapHours(
    utcIntervals(a.hours, utcOffsetMinutes(a.timeZone, reference)),
    utcIntervals(b.hours, utcOffsetMinutes(b.timeZone, reference)),
  );
}
