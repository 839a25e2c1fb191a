import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** The URL the add-in's manifest names by default; replaced by the public URL when deployed. */
export const MANIFEST_ORIGIN = 'https://localhost:3000';

/** Serves the built task pane (taskpane.html and its assets) and manifest.xml rewritten for this proxy's URL. */
export function paneRoutes(deps: { paneDir: string; manifestPath: string; publicUrl: string }): Router {
  const router = Router();
  router.get('/manifest.xml', (_req, res) => {
    const xml = fs.readFileSync(deps.manifestPath, 'utf8').split(MANIFEST_ORIGIN).join(deps.publicUrl);
    res.type('application/xml').send(xml);
  });
  router.get('/', (_req, res) => res.redirect(302, '/taskpane.html'));
  // Source maps stay on the server: they would hand out every source file of the pane.
  router.get(/\.map$/, (_req, res) => res.status(404).type('text/plain').send('Not found'));
  router.use(
    express.static(deps.paneDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        if (path.extname(file) === '.html') res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  return router;
}
