import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** A running server: its base URL and how to stop it. */
export interface Listening {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a Hono app with `@hono/node-server` and resolves once it listens. Port 0 picks a free port
 * (what the tests use); the URL reports the real one.
 *
 * @example
 * ```ts
 * const { url, close } = await listen(createApp(options), { port: 8787 });
 * ```
 */
export function listen(app: Hono, options: { port?: number; hostname?: string } = {}): Promise<Listening> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname }, (info) => {
      resolve({
        url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`,
        close: () =>
          new Promise<void>((done, failed) => {
            server.close((err) => (err ? failed(err) : done()));
            // Idle keep-alive connections would otherwise hold close() open.
            (server as Server).closeIdleConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
