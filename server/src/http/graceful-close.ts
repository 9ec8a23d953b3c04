// Graceful HTTP shutdown. `server.close()` stops accepting and closes the connections that are idle at
// that moment, but a keep-alive connection whose request was still running stays open after its answer
// until the keep-alive timeout, and close() waits for it. So: answers given while closing say
// `Connection: close`, and each connection is closed as soon as its last answer is out.
import type { Server, ServerResponse } from 'node:http';

/** Watches the server's requests; the returned function closes it gracefully (resolves once all is done). */
export function gracefulClose(server: Server): () => Promise<void> {
  const answering = new Set<ServerResponse>();
  let closing = false;
  const sayClose = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  };
  server.on('request', (_request, response: ServerResponse) => {
    answering.add(response);
    if (closing) sayClose(response);
    response.once('close', () => {
      answering.delete(response);
      // Answers that had started before the stop (headers already out) still keep their connection.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  let closed: Promise<void> | undefined;
  return () => {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      for (const response of answering) sayClose(response);
      server.close(() => resolve());
    });
    return closed;
  };
}
