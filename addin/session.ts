const KEY = 'xero-bridge.session';

/** The pane keeps its proxy session token in local storage (never a Xero token: those stay on the proxy). */
export const sessionToken = {
  get(): string | null {
    try {
      return window.localStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    try {
      if (token) window.localStorage.setItem(KEY, token);
      else window.localStorage.removeItem(KEY);
    } catch {
      // Storage can be unavailable (private windows); the session then lasts as long as the pane.
    }
  },
};
