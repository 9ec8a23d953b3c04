// Deterministic malformed and hostile MIME samples for the ingest robustness test: broken boundaries,
// bad charsets, huge headers, nested message/rfc822, bomb-like nesting, NULs, overlong lines, bad
// base64/quoted-printable, missing headers. The same seed always yields the same bytes.
import { type Random, seededRandom } from '../../shared/src/seeded-random';

export interface HostileSample {
  /** Which generator made it, for failure messages. */
  kind: string;
  raw: Buffer;
}

const CRLF = '\r\n';

function words(random: Random, count: number): string {
  const pool = ['hello', 'peer', 'mentor', 'week', 'question', 'talk', 'writing', 'café', 'naïve', '日本'];
  return Array.from({ length: count }, () => random.pick(pool)).join(' ');
}

function envelope(random: Random, index: number, extra: string[] = []): string[] {
  return [
    `Message-ID: <hostile-${index}@example.net>`,
    `From: ${random.pick(['ana@example.org', 'stranger@example.net', '"Odd, Name" <odd@example.net>'])}`,
    'To: program@example.org',
    `Subject: sample ${index}`,
    'Date: Tue, 03 Mar 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    ...extra,
  ];
}

const message = (headers: string[], body: string) => `${headers.join(CRLF)}${CRLF}${CRLF}${body}${CRLF}`;

/** Multipart containers nested `depth` deep, alternating multipart/mixed and message/rfc822. */
function nested(depth: number, leaf: string): string {
  let body = leaf;
  for (let level = depth; level > 0; level--) {
    if (level % 2) {
      const boundary = `b${level}`;
      body = `Content-Type: multipart/mixed; boundary="${boundary}"${CRLF}${CRLF}--${boundary}${CRLF}${body}${CRLF}--${boundary}--`;
    } else {
      body = `Content-Type: message/rfc822${CRLF}${CRLF}From: inner${level}@example.net${CRLF}Subject: level ${level}${CRLF}${body}`;
    }
  }
  return body;
}

type Generator = (random: Random, index: number) => string | Buffer;

const generators: Record<string, Generator> = {
  'broken-boundary': (r, i) =>
    message(
      envelope(r, i, ['Content-Type: multipart/mixed; boundary="never-closed"']),
      `--never-closed${CRLF}Content-Type: text/plain${CRLF}${CRLF}${words(r, 20)}${CRLF}--wrong-boundary${CRLF}${words(r, 5)}`,
    ),
  'missing-boundary-parameter': (r, i) =>
    message(envelope(r, i, ['Content-Type: multipart/alternative']), `--x${CRLF}${words(r, 10)}${CRLF}--x--`),
  'empty-boundary': (r, i) =>
    message(envelope(r, i, ['Content-Type: multipart/mixed; boundary=""']), `--${CRLF}${CRLF}${words(r, 8)}`),
  'bad-charset': (r, i) =>
    Buffer.concat([
      Buffer.from(
        message(
          envelope(r, i, [
            `Content-Type: text/plain; charset=${r.pick(['x-unknown-42', 'utf-99', '"', 'iso-8859-999', 'utf-7'])}`,
          ]),
          words(r, 6),
        ),
      ),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x0d, 0x0a]),
    ]),
  'encoded-word-garbage': (r, i) =>
    message(
      [
        ...envelope(r, i),
        `Subject: =?${r.pick(['utf-8', 'bogus', ''])}?${r.pick(['B', 'Q', 'X'])}?${r.pick(['!!!', '=ZZ=', '@@@@', '=?='])}?=`,
        `Cc: =?utf-8?B?${Buffer.from('Eve <eve@example.net>').toString('base64')}?=`,
      ],
      words(r, 6),
    ),
  'huge-header-value': (r, i) =>
    message(envelope(r, i, [`X-Filler: ${'a'.repeat(r.int(300_000, 400_000))}`]), words(r, 4)),
  'many-headers': (r, i) =>
    message(
      envelope(
        r,
        i,
        Array.from({ length: r.int(3_000, 6_000) }, (_, n) => `X-Header-${n}: ${words(r, 3)}`),
      ),
      words(r, 4),
    ),
  'huge-recipient-list': (r, i) =>
    message(
      envelope(r, i, [
        `Cc: ${Array.from({ length: r.int(2_000, 4_000) }, (_, n) => `user${n}@example.net`).join(', ')}`,
      ]),
      words(r, 4),
    ),
  'nested-rfc822': (r, i) =>
    message(envelope(r, i), nested(r.int(2, 20), `Content-Type: text/plain${CRLF}${CRLF}${words(r, 10)}`)),
  'nesting-bomb': (r, i) =>
    message(envelope(r, i), nested(r.int(100, 400), `Content-Type: text/plain${CRLF}${CRLF}deep`)),
  'wide-multipart': (r, i) => {
    const parts = Array.from(
      { length: r.int(70, 150) },
      () => `--w${CRLF}Content-Type: multipart/mixed; boundary="v"${CRLF}${CRLF}--v--`,
    );
    return message(
      envelope(r, i, ['Content-Type: multipart/mixed; boundary="w"']),
      `${parts.join(CRLF)}${CRLF}--w--`,
    );
  },
  'nul-bytes': (r, i) =>
    Buffer.concat([
      Buffer.from(`${envelope(r, i).join(CRLF)}${CRLF}X-Nul: a\0b${CRLF}${CRLF}`),
      Buffer.from(`${words(r, 5)}\0\0\0${words(r, 5)}\0${CRLF}`),
    ]),
  'overlong-line': (r, i) => message(envelope(r, i), 'x'.repeat(r.int(1_100_000, 1_300_000))),
  'long-line-within-limit': (r, i) =>
    message(envelope(r, i), `${words(r, 3)} ${'y'.repeat(r.int(2_000, 60_000))}`),
  'bad-base64': (r, i) =>
    message(
      envelope(r, i, ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64']),
      r.pick(['!!!not base64!!!', 'SGVsbG8=====garbage', 'SGVsbG8\x01\x02', `${'QUJD'.repeat(100)}=A=B=`]),
    ),
  'bad-quoted-printable': (r, i) =>
    message(
      envelope(r, i, [
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
      ]),
      r.pick(['=ZZ=XX=', 'soft break at end=', `=${CRLF}=${CRLF}=`, '=E2=82', `${'=3D'.repeat(5000)}`]),
    ),
  'unknown-transfer-encoding': (r, i) =>
    message(
      envelope(r, i, ['Content-Transfer-Encoding: x-uuencode-ish']),
      `begin 644 f${CRLF}${words(r, 4)}`,
    ),
  'missing-from': (r, i) =>
    message(
      envelope(r, i).filter((h) => !h.startsWith('From:')),
      words(r, 6),
    ),
  'missing-everything': (r, i) => message([`X-Only: ${i}`], words(r, 6)),
  'no-header-block': (r) => `${words(r, 10)}${CRLF}`,
  'bad-from': (r, i) =>
    message(
      [
        ...envelope(r, i).filter((h) => !h.startsWith('From:')),
        `From: ${r.pick(['<<<>>>', '@@', 'a@', '"unterminated <x@y', ';;;', '=?utf-8?B?AAAA?='])}`,
      ],
      words(r, 6),
    ),
  'bad-date-and-ids': (r, i) =>
    message(
      [
        ...envelope(r, i).filter((h) => !h.startsWith('Date:') && !h.startsWith('Message-ID:')),
        `Date: ${r.pick(['yesterday', 'Feb 30 99999', '', '\t'])}`,
        `Message-ID: ${r.pick(['no brackets', '<>', '<a b>', '<<x@y>>'])}`,
        `References: ${'<ref@x> '.repeat(r.int(300, 800))}`,
        `In-Reply-To: ${r.pick(['<', '>', 'plain', '<ok@example.org>'])}`,
      ],
      words(r, 6),
    ),
  'folded-forever': (r, i) =>
    message(envelope(r, i, [`Subject: start${`${CRLF} more`.repeat(r.int(2_000, 5_000))}`]), words(r, 4)),
  'bare-lf-and-cr': (r, i) =>
    `${envelope(r, i).join(r.pick(['\n', '\r']))}\n\n${words(r, 5)}\r\r\n${words(r, 5)}`,
  'fake-dsn': (r, i) =>
    message(
      envelope(r, i, [
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        'From: MAILER-DAEMON@example.net',
      ]),
      `--r${CRLF}Content-Type: message/delivery-status${CRLF}${CRLF}Final-Recipient: ${r.pick(['rfc822;', ';;', 'rfc822; <<>>'])}${CRLF}Status: ${r.pick(['5.1.1', '9.9.9', 'x'])}${CRLF}--r`,
    ),
  'html-only-hostile': (r, i) =>
    message(
      envelope(r, i, ['Content-Type: text/html; charset=utf-8']),
      `<html><body>${'<div>'.repeat(r.int(1_000, 5_000))}<script>alert(1)</script>${words(r, 10)}<img src="file:///etc/passwd"></body>`,
    ),
  'attachment-bomb-ish': (r, i) => {
    // A large base64 attachment of zeros: small to store, big when decoded; must stay within the limits.
    const encoded = Buffer.alloc(r.int(500_000, 1_500_000)).toString('base64').replace(/.{76}/g, `$&${CRLF}`);
    return message(
      envelope(r, i, ['Content-Type: multipart/mixed; boundary="z"']),
      `--z${CRLF}Content-Type: text/plain${CRLF}${CRLF}${words(r, 5)}${CRLF}--z${CRLF}Content-Type: application/octet-stream${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${encoded}${CRLF}--z--`,
    );
  },
  'random-bytes': (r) => Buffer.from(Array.from({ length: r.int(10, 4_000) }, () => r.int(0, 256))),
  'valid-control': (r, i) =>
    message(envelope(r, i, ['Content-Type: text/plain; charset=utf-8']), words(r, 20)),
};

/** Heavy samples (hundreds of KB to over a MB) are rarer so the whole set stays quick to deliver. */
const heavy = new Set(['huge-header-value', 'overlong-line', 'attachment-bomb-ish']);

export const hostileKinds = Object.keys(generators);

/** `count` samples; every kind appears at least once, heavy kinds about once in a hundred. */
export function hostileSamples(count: number, seed = 3): HostileSample[] {
  const random = seededRandom(seed);
  const light = hostileKinds.filter((kind) => !heavy.has(kind));
  return Array.from({ length: count }, (_, index) => {
    const kind =
      index < hostileKinds.length
        ? hostileKinds[index]!
        : random.chance(0.01)
          ? random.pick([...heavy])
          : random.pick(light);
    const made = generators[kind]!(random, index);
    return { kind, raw: Buffer.isBuffer(made) ? made : Buffer.from(made, 'utf8') };
  });
}
