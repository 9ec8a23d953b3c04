// One HTTPS server for every fixture webmail, told apart by the Host header (Chromium maps the real
// hostnames to it with --host-resolver-rules).
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Certificate } from '../harness/tls';
import { genericMessagePage } from './generic';
import { gmailPage } from './gmail';
import { outlookPage } from './outlook';
import { roundcubeComposePage, roundcubeMailPage, roundcubePreviewPage } from './roundcube';
import type { FixtureThread } from './thread';

export const fixtureHosts = {
  gmail: 'mail.google.com',
  outlook: 'outlook.office.com',
  roundcube: 'webmail.peerpost.test',
} as const;

export interface FixtureWebmail {
  port: number;
  setThreads(threads: FixtureThread[]): void;
  stop(): Promise<void>;
}

export async function startFixtureWebmail(certificate: Certificate): Promise<FixtureWebmail> {
  let threads: FixtureThread[] = [];
  const server = https.createServer(certificate, (request, response) => {
    const host = (request.headers.host ?? '').split(':')[0];
    const url = new URL(request.url ?? '/', `https://${host}`);
    let html: string | undefined;
    if (host === fixtureHosts.gmail && url.pathname.startsWith('/mail/')) {
      // Account 9 plays a Gmail whose markup changed under the adapter.
      html = gmailPage(threads, { changed: url.pathname.startsWith('/mail/u/9/') });
    } else if (host === fixtureHosts.outlook && url.pathname.startsWith('/mail/'))
      html = outlookPage(threads);
    else if (host === fixtureHosts.roundcube && url.pathname.startsWith('/generic/')) {
      // The same enabled origin can serve a webmail Peerpost has no adapter for.
      const thread = threads.find((t) => t.id === url.pathname.split('/')[2]);
      if (thread) html = genericMessagePage(thread);
    } else if (host === fixtureHosts.roundcube) {
      const action = url.searchParams.get('_action');
      const thread = threads.find((t) => t.id === url.searchParams.get('_uid'));
      if (action === 'preview') html = roundcubePreviewPage(thread);
      else if (action === 'compose' && thread) html = roundcubeComposePage(thread);
      else html = roundcubeMailPage();
    }
    if (!html) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    setThreads: (next) => {
      threads = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
