// Quiet hours in the recipient's own time zone. Intl does the zone arithmetic, so daylight-saving changes
// move the quiet window with the wall clock (21:00 stays 21:00 local on both sides of the change).

const formatters = new Map<string, Intl.DateTimeFormat>();

function hourFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    } catch {
      // An unknown zone must not stop nudges altogether; UTC is the documented fallback.
      formatter = hourFormatter('UTC');
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock hour (0–23) at `now` in `timeZone`. */
export function localHour(now: Date, timeZone: string): number {
  return Number(hourFormatter(timeZone).format(now)) % 24;
}

/** Quiet from `start` (inclusive) to `end` (exclusive), local hours; the window may wrap midnight. */
export function isQuietHour(now: Date, timeZone: string, start: number, end: number): boolean {
  if (start === end) return false;
  const hour = localHour(now, timeZone);
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}
