// The plain-text fast path must read every message it accepts exactly as mailparser does, for every
// field ingest keeps; everything else (multipart, encoded words, other charsets, hostile mail) must be
// left to mailparser. Compared on generated variants of ordinary mail and on the hostile samples.
import { describe, expect, it } from 'vitest';
import {
  checkLimits,
  type ParseOutcome,
  parseWithMailparser,
  toParsedMessage,
} from '../../server/src/mail/ingest/parse-message';
import { plainMessageFields } from '../../server/src/mail/ingest/parse-plain-message';
import { type Random, seededRandom } from '../../shared/src/seeded-random';
import { hostileSamples } from '../harness/hostile-mime';

/** Header names the features read through `header()`, plus a few ordinary ones. */
const lookedUp = [
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'x-autoresponder',
  'x-auto-response-suppress',
  'precedence',
  'x-ms-exchange-inbox-rules-loop',
  'x-ms-exchange-generated-message-source',
  'content-type',
  'subject',
  'mime-version',
  'x-mailer',
  'x-custom',
];

/** Everything ingest reads from a parse outcome, in a comparable form. */
function comparable(outcome: ParseOutcome) {
  if (!outcome.ok) return outcome;
  const { header, date, ...message } = outcome.message;
  return {
    ...message,
    date: date?.getTime() ?? null,
    headers: Object.fromEntries(lookedUp.map((name) => [name, header(name)])),
  };
}

const pick = <T>(random: Random, items: readonly T[]) => random.pick(items);
/** Mostly one of the ordinary values, now and then one of the odd ones. */
const mostly = <T>(random: Random, ordinary: readonly T[], odd: readonly T[]) =>
  random.chance(0.96) ? random.pick(ordinary) : random.pick(odd);

/** Ordinary and slightly odd single-part mail, with some variants that only mailparser may read. */
function variant(random: Random, i: number): Buffer {
  const eol = random.chance(0.8) ? '\r\n' : '\n';
  const name = (field: string) =>
    pick(random, [field, field, field.toUpperCase(), field.toLowerCase()]) + pick(random, [':', ':', ': ']);
  const address = () =>
    mostly(
      random,
      [
        `ana${i}@example.org`,
        `Ana Lima <ana${i}@Example.ORG>`,
        `"Lima, Ana" <ana${i}@example.org>`,
        `J. O'Neil <jo${i}@example.org>`,
        `<bare${i}@example.org>`,
        `"Quoted <odd>" <q${i}@example.org>`,
        'program+p-t12abc@example.org',
      ],
      [
        'Ana (home) <ana@example.org>',
        'undisclosed-recipients:;',
        `"Esc\\"aped" <esc${i}@example.org>`,
        `ünï${i}@example.org`,
        `ana${i}@xn--caf-dma.example`,
        'not an address',
        '',
      ],
    );
  const list = () =>
    Array.from({ length: random.int(1, 4) }, address).join(pick(random, [', ', ',', ` ,${eol} `]));
  const headers: string[] = [];
  const add = (field: string, value: string) => headers.push(`${name(field)} ${value}`);
  if (random.chance(0.95)) add('From', address());
  if (random.chance(0.05)) add('From', address());
  add('To', list());
  if (random.chance(0.2)) add('To', list());
  if (random.chance(0.6)) add('Cc', random.chance(0.1) ? '' : list());
  const messageId = pick(random, [
    `<m${i}@example.org>`,
    `<m${i}@example.org>`,
    `m${i}@example.org`,
    '',
    `<m ${i}@example.org>`,
    `<m${i}@example.org> (comment)`,
  ]);
  if (random.chance(0.9)) add('Message-ID', messageId);
  if (random.chance(0.5)) add('In-Reply-To', pick(random, [`<p${i}@example.org>`, `p${i}@x <q@y>`, '']));
  if (random.chance(0.5))
    add('References', `<r1@example.org>${pick(random, [' ', `${eol}\t`, `${eol} `])}<r2@x>`);
  if (random.chance(0.1)) add('References', `r3@example.org <r1@example.org>`);
  add(
    'Subject',
    mostly(
      random,
      [
        `Re: Meet your peer (${i})`,
        `Long subject${eol} folded over two lines`,
        'Automatic reply: away',
        'Out of office',
        '',
      ],
      ['=?UTF-8?B?w6l0w6k=?=', 'Caf\u00e9'],
    ),
  );
  if (random.chance(0.95))
    add(
      'Date',
      mostly(
        random,
        ['Tue, 03 Mar 2026 10:00:00 +0000', 'Mon, 2 Mar 2026 09:15:42 -0500', '3 Mar 2026 10:00 GMT'],
        ['not a date', 'Sat, 01 Jan 99999 00:00:00 +0000', ''],
      ),
    );
  if (random.chance(0.2))
    add(
      pick(random, ['Auto-Submitted', 'Precedence', 'X-Autoreply', 'X-Auto-Response-Suppress', 'X-Custom']),
      pick(random, ['auto-replied', 'no', 'bulk', 'yes', 'All', '  spaced  ']),
    );
  if (random.chance(0.1)) add('X-Custom', `second ${i}`);
  if (random.chance(0.2)) add('X-Original-To', `program+p-t${i}@example.org`);
  if (random.chance(0.2)) add('Delivered-To', 'program@example.org');
  if (random.chance(0.7)) add('MIME-Version', '1.0');
  if (random.chance(0.85))
    add(
      'Content-Type',
      mostly(
        random,
        [
          'text/plain',
          'text/plain; charset=utf-8',
          'text/plain; charset="UTF-8"',
          'text/plain; charset=us-ascii',
          'text/plain;charset=utf8',
        ],
        [
          'text/plain; charset=utf-8; format=flowed',
          'text/plain; charset=iso-8859-1',
          'Text/Plain; charset=utf-8',
          'text/html; charset=utf-8',
          '',
        ],
      ),
    );
  if (random.chance(0.4))
    add(
      'Content-Transfer-Encoding',
      mostly(random, ['7bit', '8bit'], ['quoted-printable', 'base64', 'x-unknown']),
    );
  if (random.chance(0.03)) add('Content-Disposition', 'attachment; filename=a.txt');
  if (random.chance(0.02)) headers.push(`X-Bytes: caf\u00e9`);
  const sentence = () =>
    pick(random, [
      'I tried the exercise from last week.',
      'Could we move our call to Thursday?',
      'Ça marche, à jeudi ! 日本語も 🙂',
      'Line with a lone\rcarriage return.',
      'A NUL\0in the middle.',
      '> quoted line from before?',
      'On Mon, 2 Mar 2026 at 10:00, Ana <ana@example.org> wrote:',
      '-- ',
      'x'.repeat(random.int(1, 300)),
      '',
    ]);
  const body = Array.from({ length: random.int(0, 12) }, sentence).join(eol);
  const ending = pick(random, ['', eol, eol + eol]);
  const text = `${headers.join(eol)}${eol}${eol}${body}${ending}`;
  // Some bodies in Latin-1 bytes rather than UTF-8.
  return Buffer.from(text, random.chance(0.02) ? 'latin1' : 'utf8');
}

async function compare(raw: Buffer): Promise<'fast' | 'mailparser'> {
  const fields = plainMessageFields(raw);
  if (!fields) return 'mailparser';
  expect(comparable(toParsedMessage(raw, fields)), raw.toString('utf8').slice(0, 2000)).toEqual(
    comparable(await parseWithMailparser(raw)),
  );
  return 'fast';
}

describe('plain-text fast path', () => {
  it('reads generated ordinary mail exactly as mailparser does, and leaves the rest to it', async () => {
    const random = seededRandom(31);
    const paths = { fast: 0, mailparser: 0 };
    for (let i = 0; i < 4000; i++) paths[await compare(variant(random, i))]++;
    // Both paths must really be exercised: most variants are plain, many are not.
    expect(paths.fast).toBeGreaterThan(800);
    expect(paths.mailparser).toBeGreaterThan(800);
  });

  it('reads the hostile samples as mailparser does or leaves them to it', async () => {
    let fast = 0;
    for (const sample of hostileSamples(1000)) {
      if (checkLimits(sample.raw)) continue;
      if ((await compare(sample.raw)) === 'fast') fast++;
    }
    expect(fast).toBeGreaterThan(0);
  });

  it('leaves multipart, encoded and non-UTF-8 mail to mailparser', () => {
    const message = (...headers: string[]) =>
      Buffer.from(['From: a@example.org', 'To: b@example.org', ...headers, '', 'Hello'].join('\r\n'));
    expect(plainMessageFields(message())).not.toBeNull();
    expect(plainMessageFields(message('Content-Type: multipart/mixed; boundary=x'))).toBeNull();
    expect(plainMessageFields(message('Subject: =?UTF-8?Q?caf=C3=A9?='))).toBeNull();
    expect(plainMessageFields(message('Content-Type: text/plain; charset=windows-1252'))).toBeNull();
    expect(plainMessageFields(message('Content-Transfer-Encoding: base64'))).toBeNull();
    expect(plainMessageFields(message('Content-Type: text/plain; format=flowed'))).toBeNull();
  });
});
