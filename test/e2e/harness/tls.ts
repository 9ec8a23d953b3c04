// A throwaway self-signed certificate for the test hostnames (mail.google.com etc. mapped to loopback).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Certificate {
  key: string;
  cert: string;
}

export function selfSignedCertificate(hosts: string[]): Certificate {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-tls-'));
  try {
    const config = path.join(dir, 'openssl.cnf');
    writeFileSync(
      config,
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ext',
        'prompt = no',
        '[dn]',
        'CN = peerpost end-to-end tests',
        '[ext]',
        `subjectAltName = ${hosts.map((host) => `DNS:${host}`).join(',')}`,
      ].join('\n'),
    );
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-config',
        config,
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
