import { createServer, request } from 'node:http';

/** A real HTTP server in front of the sandbox that answers 500 to some paths while told to. */
export interface FailingProxy {
  readonly url: string;
  /** Requests whose path matches answer 500 (nothing reaches the sandbox); undefined: none. */
  failing: RegExp | undefined;
  close(): Promise<void>;
}

/**
 * For failures the sandbox's seeded faults do not aim at one endpoint (the countries list, say):
 * every other request is passed through to `target` as it is.
 */
export async function failingProxy(target: string, failing?: RegExp): Promise<FailingProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    if (proxy.failing?.test(req.url ?? '')) {
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"Message":"An error has occurred."}');
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const proxy: FailingProxy = {
    url: `http://127.0.0.1:${port}`,
    failing,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
