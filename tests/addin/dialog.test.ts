import { signInWithXero } from '../../addin/office/dialog';

type Handler = (arg: { message?: string; error?: number }) => void;

/** Office's dialog API as the pane sees it: displayDialogAsync opens a dialog that later sends a message or an event. */
function officeWithDialog(then: (fire: { message: (m: string) => void; event: (code: number) => void }) => void) {
  const opened: string[] = [];
  let closed = false;
  (globalThis as { Office?: unknown }).Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    context: {
      ui: {
        displayDialogAsync(url: string, _options: unknown, callback: (r: unknown) => void) {
          opened.push(url);
          const handlers = new Map<string, Handler>();
          callback({
            status: 'succeeded',
            value: {
              addEventHandler: (type: string, handler: Handler) => handlers.set(type, handler),
              close: () => {
                closed = true;
              },
            },
          });
          then({
            message: (m) => handlers.get('dialogMessageReceived')?.({ message: m }),
            event: (code) => handlers.get('dialogEventReceived')?.({ error: code }),
          });
        },
      },
    },
  };
  return { opened, isClosed: () => closed };
}

describe('signing in to Xero from the pane', () => {
  afterEach(() => delete (globalThis as { Office?: unknown }).Office);

  it('opens the dialog on the pane’s own origin and receives a session token', async () => {
    const token = 'x'.repeat(43);
    const office = officeWithDialog((fire) => setTimeout(() => fire.message(JSON.stringify({ type: 'signed-in', token })), 0));
    await expect(signInWithXero('https://localhost:3000')).resolves.toBe(token);
    expect(office.opened).toEqual(['https://localhost:3000/auth/xero/start']);
    expect(office.isClosed()).toBe(true);
  });

  it('passes on the proxy’s words when signing in failed', async () => {
    officeWithDialog((fire) => setTimeout(() => fire.message(JSON.stringify({ type: 'error', message: 'Xero did not grant access (access_denied)' })), 0));
    await expect(signInWithXero('https://localhost:3000')).rejects.toThrow('Xero did not grant access (access_denied)');
  });

  it('says so when the user closes the window', async () => {
    officeWithDialog((fire) => setTimeout(() => fire.event(12006), 0));
    await expect(signInWithXero('https://localhost:3000')).rejects.toThrow(/closed before signing in finished/);
  });

  it('says what to do outside Excel', async () => {
    await expect(signInWithXero('https://localhost:3000')).rejects.toThrow(/Open this pane in Excel/);
  });
});
