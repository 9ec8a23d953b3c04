// A thread as columns of numbers, and the signals' walk over it: a full recompute scores every match from
// these without creating an object per message. The walk over message objects in signals.ts is the
// reference; thread-columns.test.ts holds both to the same output.
import { DAY_MS, type HealthMessage, type MatchHistory, nameFromAddress } from './history';
import type { HealthSettings } from './settings';
import {
  blankMemberSignals,
  flippedRoles,
  type MemberSignals,
  type Signals,
  signalsFromWalk,
  type ThreadWalk,
} from './signals';

export const AUTO_REPLY_FLAG = 1;
export const BOUNCE_FLAG = 2;

/** Message k is (senders[sender[k]], at[k], newTextChars[k], questions[k], flags[k]); `length` of them. */
export interface ThreadColumns {
  /** Distinct sender addresses, referred to by position. */
  senders: string[];
  length: number;
  sender: Int32Array;
  at: Float64Array;
  newTextChars: Float64Array;
  questions: Float64Array;
  /** AUTO_REPLY_FLAG | BOUNCE_FLAG. */
  flags: Uint8Array;
}

/** A history whose thread comes as columns. */
export type HistoryWithoutMessages = Omit<MatchHistory, 'messages'>;

export function threadColumns(capacity = 64): ThreadColumns {
  return {
    senders: [],
    length: 0,
    sender: new Int32Array(capacity),
    at: new Float64Array(capacity),
    newTextChars: new Float64Array(capacity),
    questions: new Float64Array(capacity),
    flags: new Uint8Array(capacity),
  };
}

/**
 * Makes room for `length` messages and sets the length; what the columns held is not kept. Columns are
 * scratch space: one set serves every match of a recompute, so their buffers are allocated once.
 */
export function resizeColumns(columns: ThreadColumns, length: number): void {
  if (length > columns.at.length) {
    const grown = threadColumns(Math.max(length, columns.at.length * 2));
    columns.sender = grown.sender;
    columns.at = grown.at;
    columns.newTextChars = grown.newTextChars;
    columns.questions = grown.questions;
    columns.flags = grown.flags;
  }
  columns.length = length;
}

export function columnsFromMessages(messages: HealthMessage[]): ThreadColumns {
  const columns = threadColumns(Math.max(1, messages.length));
  columns.length = messages.length;
  const position = new Map<string, number>();
  messages.forEach((message, k) => {
    let sender = position.get(message.from);
    if (sender === undefined) {
      sender = columns.senders.push(message.from) - 1;
      position.set(message.from, sender);
    }
    columns.sender[k] = sender;
    columns.at[k] = message.at;
    columns.newTextChars[k] = message.newTextChars;
    columns.questions[k] = message.questions;
    columns.flags[k] = (message.autoReply ? AUTO_REPLY_FLAG : 0) | (message.bounce ? BOUNCE_FLAG : 0);
  });
  return columns;
}

export function messagesFromColumns(columns: ThreadColumns): HealthMessage[] {
  return Array.from({ length: columns.length }, (_, k) => ({
    from: columns.senders[columns.sender[k]!]!,
    at: columns.at[k]!,
    newTextChars: columns.newTextChars[k]!,
    questions: columns.questions[k]!,
    autoReply: (columns.flags[k]! & AUTO_REPLY_FLAG) !== 0,
    bounce: (columns.flags[k]! & BOUNCE_FLAG) !== 0,
  }));
}

/** Scratch space of the walk, grown as needed and reused by every call. */
const scratch = {
  order: new Int32Array(64),
  latency: new Float64Array(64),
  latencySlot: new Int32Array(64),
  sorted: new Float64Array(64),
  slotOfSender: new Int32Array(8),
  waitingSince: new Float64Array(8),
  askedEarly: new Float64Array(8),
  askedLate: new Float64Array(8),
};

function reserveScratch(messages: number, slots: number): void {
  if (messages > scratch.order.length) {
    const size = Math.max(messages, scratch.order.length * 2);
    scratch.order = new Int32Array(size);
    scratch.latency = new Float64Array(size);
    scratch.latencySlot = new Int32Array(size);
    scratch.sorted = new Float64Array(size);
  }
  if (slots > scratch.waitingSince.length) {
    const size = Math.max(slots, scratch.waitingSince.length * 2);
    scratch.slotOfSender = new Int32Array(size);
    scratch.waitingSince = new Float64Array(size);
    scratch.askedEarly = new Float64Array(size);
    scratch.askedLate = new Float64Array(size);
  }
}

export function computeColumnSignals(
  history: HistoryWithoutMessages,
  thread: ThreadColumns,
  settings: HealthSettings,
): Signals {
  return signalsFromWalk(history, settings, walkColumns(history, thread, settings));
}

/** The same walk as over message objects: members are slots, senders map to slots once per thread. */
function walkColumns(
  history: HistoryWithoutMessages,
  thread: ThreadColumns,
  settings: HealthSettings,
): ThreadWalk {
  const { now } = history;
  const n = thread.length;
  reserveScratch(n, history.members.length + thread.senders.length);
  const { order, latency, latencySlot, slotOfSender, waitingSince, askedEarly, askedLate } = scratch;

  // Members first; a repeated address keeps its first place and its last name, as a Map would.
  const entries: MemberSignals[] = [];
  for (const who of history.members) {
    const slot = slotOf(entries, who.address);
    if (slot < 0) entries.push(blankMemberSignals(who));
    else entries[slot] = blankMemberSignals(who);
  }
  const memberSlots = entries.length;
  for (let s = 0; s < thread.senders.length; s++) slotOfSender[s] = slotOf(entries, thread.senders[s]!);
  for (let s = 0; s < memberSlots; s++) {
    waitingSince[s] = Number.NaN;
    askedEarly[s] = 0;
    askedLate[s] = 0;
  }

  let real = 0;
  let autoReplies = 0;
  let bounces = 0;
  let sorted = true;
  for (let k = 0; k < n; k++) {
    const flags = thread.flags[k]!;
    if (flags & AUTO_REPLY_FLAG) autoReplies++;
    if (flags & BOUNCE_FLAG) bounces++;
    if ((flags & (AUTO_REPLY_FLAG | BOUNCE_FLAG)) === 0 && thread.at[k]! <= now) {
      if (real > 0 && thread.at[k]! < thread.at[order[real - 1]!]!) sorted = false;
      order[real++] = k;
    }
  }
  // The stored thread is in time order already; anything else gets the stable sort the reference does.
  if (!sorted) {
    const byTime = Array.from(order.subarray(0, real)).sort((a, b) => thread.at[a]! - thread.at[b]! || a - b);
    order.set(byTime);
  }

  let latencies = 0;
  let openSlot = -1;
  let openAt = 0;
  const half = real >> 1;
  for (let index = 0; index < real; index++) {
    const k = order[index]!;
    const at = thread.at[k]!;
    let slot = slotOfSender[thread.sender[k]!]!;
    if (slot < 0) {
      // A message from someone who has left the pair still counts for the thread.
      const address = thread.senders[thread.sender[k]!]!;
      slot = entries.push(blankMemberSignals({ address, name: nameFromAddress(address) })) - 1;
      slotOfSender[thread.sender[k]!] = slot;
      waitingSince[slot] = Number.NaN;
      askedEarly[slot] = 0;
      askedLate[slot] = 0;
    }
    const writer = entries[slot]!;
    writer.messages++;
    writer.newTextChars += thread.newTextChars[k]!;
    writer.questionsAsked += thread.questions[k]!;
    writer.lastWroteAt = at;
    if (!Number.isNaN(waitingSince[slot]!)) {
      latency[latencies] = (at - waitingSince[slot]!) / DAY_MS;
      latencySlot[latencies++] = slot;
      waitingSince[slot] = Number.NaN;
    }
    for (let other = 0; other < memberSlots; other++) {
      if (other !== slot && Number.isNaN(waitingSince[other]!)) waitingSince[other] = at;
    }
    if (openSlot >= 0 && openSlot !== slot) openSlot = -1;
    const questions = thread.questions[k]!;
    if (questions > 0) {
      if (openSlot < 0) {
        openSlot = slot;
        openAt = at;
      }
      if (index < half) askedEarly[slot]! += questions;
      else askedLate[slot]! += questions;
    }
  }
  for (let slot = 0; slot < memberSlots; slot++) {
    const entry = entries[slot]!;
    entry.medianReplyDays = medianOf(slot, latencies);
    if (!Number.isNaN(waitingSince[slot]!)) entry.owesReplyDays = (now - waitingSince[slot]!) / DAY_MS;
  }
  const window = settings.momentumWindowDays * DAY_MS;
  let recentExchanges = 0;
  for (let k = real - 1; k >= 0 && thread.at[order[k]!]! > now - window; k--) recentExchanges++;
  return {
    entries,
    realMessages: real,
    autoReplies,
    bounces,
    lastExchangeAt: real ? thread.at[order[real - 1]!]! : null,
    recentExchanges,
    openQuestion: openSlot < 0 ? null : { from: entries[openSlot]!.address, at: openAt },
    rolesFlipped: flippedRoles(leadingAddress(askedEarly, entries), leadingAddress(askedLate, entries), real),
  };
}

function slotOf(entries: MemberSignals[], address: string): number {
  for (let slot = 0; slot < entries.length; slot++) if (entries[slot]!.address === address) return slot;
  return -1;
}

/** Median of one slot's reply latencies, null when it has none. */
function medianOf(slot: number, latencies: number): number | null {
  const { latency, latencySlot, sorted } = scratch;
  let count = 0;
  for (let j = 0; j < latencies; j++) if (latencySlot[j] === slot) sorted[count++] = latency[j]!;
  if (count === 0) return null;
  const values = sorted.subarray(0, count).sort();
  const middle = count >> 1;
  return count % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

// Hot paths define no functions inside functions: the TypeScript loader names each one as it is created
// (Object.defineProperty), which cost a full recompute a third of a second.
/** The member who asked more than two thirds of a half's questions, or null. */
function leadingAddress(tally: Float64Array, entries: MemberSignals[]): string | null {
  const slot = leadingSlot(tally, entries.length);
  return slot < 0 ? null : entries[slot]!.address;
}

/** The slot that asked more than two thirds of a half's questions, or -1. */
function leadingSlot(tally: Float64Array, slots: number): number {
  let top = -1;
  let total = 0;
  for (let slot = 0; slot < slots; slot++) {
    const asked = tally[slot]!;
    if (asked <= 0) continue;
    total += asked;
    if (top < 0 || asked > tally[top]!) top = slot;
  }
  return top >= 0 && tally[top]! * 3 > total * 2 ? top : -1;
}
