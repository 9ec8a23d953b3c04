// The Debian packages each part of the test suite needs. `npm test` installs the missing ones.
export const testPackages = [
  'postgresql',
  'dovecot-imapd',
  'dovecot-lmtpd',
  'dovecot-submissiond',
  'chromium',
  // The end-to-end tests make a throwaway TLS certificate for the webmail hostnames they map to loopback.
  'openssl',
  // The matching solver is checked against networkx on the same graphs.
  'python3-networkx',
];
// Roundcube pulls in a web server when recommends are installed; we serve it with `php -S`.
export const testPackagesNoRecommends = ['roundcube-core', 'roundcube-sqlite3', 'php-cli', 'php-sqlite3'];
export const benchPackages = ['python3-networkx'];
