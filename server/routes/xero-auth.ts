import { parseCookie, stringifySetCookie } from 'cookie';
import { Router } from 'express';
import type { Response } from 'express';
import { AppError } from '../errors';
import type { SessionStore } from '../sessions/sessions';
import type { XeroSignIn } from '../xero/sign-in';

/**
 * The sign-in dialog's pages. The pane opens /auth/xero/start with Office's dialog API (it must start
 * on the pane's own origin); it redirects to Xero, which comes back to /auth/xero/callback. The
 * callback page hands the pane a proxy session token through `messageParent` (dialog.js), never a Xero token.
 */
/** The dialog's own secret for the sign-in it started. */
const SIGN_IN_COOKIE = 'bridge_signin';

export function xeroAuthRoutes(deps: { signIn: XeroSignIn | null; sessions: SessionStore; redirectUri: string | null }): Router {
  const router = Router();

  const page = (res: Response, status: number, title: string, result: Record<string, unknown>) => {
    const data = JSON.stringify(result).replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      // Office on the web opens this dialog as a window of its own and hears messageParent through the opener:
      // COOP same-origin (Helmet's default) would cut that link, so the dialog's pages leave the opener in place.
      .set('Cross-Origin-Opener-Policy', 'unsafe-none')
      .append(
        'Set-Cookie',
        stringifySetCookie({ name: SIGN_IN_COOKIE, value: '', httpOnly: true, secure: true, sameSite: 'lax', path: '/auth/xero', maxAge: 0 }),
      )
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Xero Bridge: ${title}</title>` +
          `<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>` +
          `<script src="/auth/xero/dialog.js" defer></script></head>` +
          `<body data-result='${data}' style="font-family: Segoe UI, sans-serif; padding: 1rem">` +
          `<h1 style="font-size: 1.2rem">${title}</h1><p id="message">${result.type === 'signed-in' ? 'You can close this window.' : String(result.message).replace(/</g, '&lt;')}</p></body></html>`,
      );
  };

  router.get('/auth/xero/start', async (_req, res) => {
    if (!deps.signIn || !deps.redirectUri)
      throw new AppError('not_found', 'This proxy has no Xero app configured (XERO_CLIENT_ID, XERO_CLIENT_SECRET, XERO_REDIRECT_URI)');
    const { url, browser } = await deps.signIn.start(deps.redirectUri);
    // The dialog's browser keeps this for the callback (a top-level navigation back from Xero, so SameSite=Lax reaches it).
    const cookie = stringifySetCookie({ name: SIGN_IN_COOKIE, value: browser, httpOnly: true, secure: true, sameSite: 'lax', path: '/auth/xero', maxAge: 600 });
    res.set('Cache-Control', 'no-store').set('Cross-Origin-Opener-Policy', 'unsafe-none').append('Set-Cookie', cookie).redirect(302, url);
  });

  router.get('/auth/xero/callback', async (req, res) => {
    if (!deps.signIn || !deps.redirectUri) throw new AppError('not_found', 'This proxy has no Xero app configured');
    try {
      const browser = parseCookie(req.get('cookie') ?? '')[SIGN_IN_COOKIE] ?? null;
      const signedIn = await deps.signIn.finish(req.query as Record<string, unknown>, deps.redirectUri, browser);
      const { token } = await deps.sessions.create(
        'xero',
        signedIn.userName,
        signedIn.organisations.map((o) => o.tenantId),
        signedIn.connectionId,
      );
      page(res, 200, 'Connected to Xero', { type: 'signed-in', token, organisations: signedIn.organisations.length });
    } catch (err) {
      const status = err instanceof AppError ? err.status : 502;
      page(res, status, 'Could not connect to Xero', { type: 'error', message: (err as Error).message });
    }
  });

  router.get('/auth/xero/dialog.js', (_req, res) => {
    res
      .type('application/javascript')
      .set('Cache-Control', 'no-cache')
      .send(
        `(function () {
  var result = JSON.parse(document.body.getAttribute('data-result') || '{}');
  function send() {
    try { Office.context.ui.messageParent(JSON.stringify(result)); } catch (e) { /* opened outside Office */ }
  }
  if (window.Office && Office.onReady) Office.onReady(send); else send();
})();`,
      );
  });

  return router;
}
