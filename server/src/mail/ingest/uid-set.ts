// UID sets as IMAP writes them (1:5,9,12:14): what ingest sends in a FETCH and reads from ESEARCH.
/** Compact UID set for FETCH: 1:5,9,12:14. */
export function uidSet(uids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length; i++) {
    const start = uids[i]!;
    while (i + 1 < uids.length && uids[i + 1] === uids[i]! + 1) i++;
    parts.push(start === uids[i] ? String(start) : `${start}:${uids[i]}`);
  }
  return parts.join(',');
}

/** The UIDs of a sequence set as an ESEARCH ALL answer writes it (1:5,9,12:14), ascending. */
export function uidsOfSet(set: string): number[] {
  const uids: number[] = [];
  for (const part of set.split(',')) {
    const match = /^(\d+)(?::(\d+))?$/.exec(part);
    if (!match) throw new Error(`not a UID set: ${set.slice(0, 100)}`);
    const [a, b] = [Number(match[1]), Number(match[2] ?? match[1])];
    for (let uid = Math.min(a, b); uid <= Math.max(a, b); uid++) uids.push(uid);
  }
  return uids.sort((x, y) => x - y);
}
