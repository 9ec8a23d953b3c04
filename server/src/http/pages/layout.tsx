/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The frame of every page reached from an email link. hono/jsx escapes every interpolated value.
import type { Child } from 'hono/jsx';

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
label{display:block;margin:.8rem 0 .2rem}input,textarea,select{width:100%;padding:.4rem;font:inherit}
button{margin-top:1rem;padding:.5rem 1.2rem;font:inherit}.error{color:#a40000}.scale a{margin-right:.6rem}`;

/** `csrf` puts the page's CSRF token in a meta tag, for same-origin scripts that call the API by cookie. */
export function Page(props: { title: string; csrf?: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        {props.csrf ? <meta name="csrf-token" content={props.csrf} /> : null}
        <title>{props.title} · Peerpost</title>
        <style>{style}</style>
      </head>
      <body>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function Message(props: { title: string; text: string }) {
  return (
    <Page title={props.title}>
      <p>{props.text}</p>
    </Page>
  );
}

export const expiredLink = (
  <Message
    title="This link has expired"
    text="It was already used or is too old. Links in Peerpost mails work once; a newer mail has a fresh one."
  />
);

/** The answer to a form POSTed without its CSRF pair (e.g. a page left open past the cookie's life). */
export const expiredForm = (
  <Message title="Please try again" text="The form expired. Reload the page and send it again." />
);
