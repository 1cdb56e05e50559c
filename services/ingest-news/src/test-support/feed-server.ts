// A local HTTP server for fetcher tests: each test gives it a handler; it owns its cleanup.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  readonly url: string;
  /** Requests seen so far, for asserting on conditional-GET headers. */
  readonly requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startFeedServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<FeedServer> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed.xml`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging-feed tests leave sockets open on purpose; drop them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
