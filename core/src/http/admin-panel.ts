import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` writes the admin panel (the `@racedesk/admin-ui` workspace). */
export const ADMIN_PANEL_DIST = fileURLToPath(new URL('../../../admin-ui/dist', import.meta.url));

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Racedesk admin panel not built</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>The admin panel is not built yet</h1>
<p>This Racedesk server runs, but the web panel's files are missing from <code>admin-ui/dist</code>.</p>
<p>Build them with <code>npm run build</code> in the Racedesk folder (or start with <code>npm start</code>,
which builds the panel when it is missing), then reload this page.</p>
<p>The REST API works meanwhile: <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/** Options of {@link adminPanel}. */
export interface AdminPanelOptions {
  /** Folder holding the built panel (index.html + assets/); default {@link ADMIN_PANEL_DIST}. */
  root?: string;
}

const sendIndex = (reply: FastifyReply) =>
  reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');

/**
 * Serves the built admin panel at `/admin` (client-side routes fall back to index.html) and sends
 * `/` there. Without a build, `/admin` answers a 503 page that says how to build it.
 */
export async function adminPanel(app: FastifyInstance, options: AdminPanelOptions = {}): Promise<void> {
  const root = options.root ?? ADMIN_PANEL_DIST;
  const built = existsSync(`${root}/index.html`);

  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin', { schema: { hide: true } }, (_request, reply) => reply.redirect('/admin/'));

  if (!built) {
    app.log.warn({ root }, 'admin panel not built: /admin answers 503 until `npm run build` is run');
    app.get('/admin/*', { schema: { hide: true } }, (_request, reply) =>
      reply.status(503).header('retry-after', '60').type('text/html; charset=utf-8').send(NOT_BUILT),
    );
    return;
  }

  await app.register(fastifyStatic, {
    root,
    prefix: '/admin/',
    // Files are registered one route each; every other /admin path is a client-side route.
    wildcard: false,
    index: false,
    schemaHide: true,
    setHeaders: (reply, path) => {
      // Vite fingerprints asset names, so they never change under the same URL.
      reply.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/admin/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.get('/admin/*', { schema: { hide: true } }, (request, reply) => {
    // A missing asset is a 404, not the panel's HTML under a script's URL.
    if (request.url.startsWith('/admin/assets/')) {
      return reply.status(404).send({ error: { code: 'RD_NOT_FOUND', message: 'No such file' } });
    }
    return sendIndex(reply);
  });
}
