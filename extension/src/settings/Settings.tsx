// Server address, sign-in by emailed code, who is signed in, enabled webmail hosts and the privacy switch.
// Shared by the popup and the options page. Host permissions are requested here, one origin at a time,
// because a permission prompt needs the user's click.
import { type FormEvent, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { type SessionInfo, sendMessage } from '../messaging/protocol';

function pattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

async function requestOrigin(input: string): Promise<string> {
  const origin = new URL(input.trim()).origin;
  const granted = await browser.permissions.request({ origins: [pattern(origin)] });
  if (!granted) throw new Error(`Access to ${origin} was not granted`);
  return origin;
}

export function Settings() {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [host, setHost] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    void sendMessage('getSession').then((info) => {
      setSession(info);
      setServerUrl(info.serverUrl ?? '');
    });
  }, []);

  const attempt = (work: () => Promise<unknown>) => async (event?: FormEvent) => {
    event?.preventDefault();
    setMessage('');
    try {
      await work();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  if (!session) return <p>Loading…</p>;
  return (
    <div className="settings">
      <form
        onSubmit={attempt(async () =>
          setSession(await sendMessage('setServerUrl', await requestOrigin(serverUrl))),
        )}
      >
        <label>
          Peerpost server
          <input
            name="server"
            type="url"
            required
            placeholder="https://peerpost.example.org"
            value={serverUrl}
            onChange={(event) => setServerUrl(event.target.value)}
          />
        </label>
        <button type="submit">Save server</button>
        {session.serverUrl && (
          <p className="muted" role="status" data-testid="server-saved">
            Using {session.serverUrl}
          </p>
        )}
      </form>

      {session.serverUrl && !session.me && (
        <section aria-labelledby="signin">
          <h2 id="signin">Sign in</h2>
          {!codeSent ? (
            <form
              onSubmit={attempt(async () => {
                const result = await sendMessage('requestCode', email);
                if (!result.ok) throw new Error(result.message);
                setCodeSent(true);
              })}
            >
              <label>
                Email
                <input
                  name="email"
                  type="email"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              </label>
              <button type="submit">Email me a code</button>
            </form>
          ) : (
            <form
              onSubmit={attempt(async () => setSession(await sendMessage('verifyCode', { email, code })))}
            >
              <label>
                6-digit code from the email
                <input
                  name="code"
                  inputMode="numeric"
                  pattern="[0-9]{6}"
                  required
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              </label>
              <button type="submit">Sign in</button>
            </form>
          )}
        </section>
      )}

      {session.me && (
        <section aria-labelledby="me">
          <h2 id="me">Signed in</h2>
          <p data-testid="me">
            {session.me.name} ({session.me.email}) · {session.me.roles.join(', ')}
          </p>
          <button type="button" onClick={attempt(async () => setSession(await sendMessage('signOut')))}>
            Sign out
          </button>
          {session.me.roles.some((role) => role !== 'participant') && (
            <p>
              <a href={browser.runtime.getURL('/dashboard.html')} target="_blank" rel="noreferrer">
                Open the coordinator dashboard
              </a>
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="hosts">
        <h2 id="hosts">Webmail</h2>
        <p className="muted">
          Gmail and Outlook on the web work out of the box. Add a self-hosted webmail (Roundcube or other):
        </p>
        <ul>
          {session.webmailOrigins.map((origin) => (
            <li key={origin}>
              {origin}{' '}
              <button
                type="button"
                aria-label={`Remove ${origin}`}
                onClick={attempt(async () =>
                  setSession(
                    await sendMessage(
                      'setWebmailOrigins',
                      session.webmailOrigins.filter((o) => o !== origin),
                    ),
                  ),
                )}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={attempt(async () => {
            const origin = await requestOrigin(host);
            setSession(await sendMessage('setWebmailOrigins', [...session.webmailOrigins, origin]));
            setHost('');
          })}
        >
          <label>
            Webmail address
            <input
              name="webmail"
              type="url"
              required
              placeholder="https://mail.example.org"
              value={host}
              onChange={(e) => setHost(e.target.value)}
            />
          </label>
          <button type="submit">Enable</button>
        </form>
      </section>

      <section aria-labelledby="privacy">
        <h2 id="privacy">Privacy</h2>
        <label>
          <input
            type="checkbox"
            name="local-analysis"
            checked={session.localAnalysis}
            onChange={attempt(async () =>
              setSession(await sendMessage('setLocalAnalysis', !session.localAnalysis)),
            )}
          />{' '}
          Analyse messages in this browser (only counts such as "questions asked" are sent, never text)
        </label>
      </section>

      <p role="alert" className="error">
        {message}
      </p>
    </div>
  );
}
