import { z } from 'zod';

const dialogResultSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('signed-in'), token: z.string().min(32) }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

/** Office dialog error when the user closes the window before it finishes. */
const DIALOG_CLOSED = 12006;

/**
 * Signs in to Xero in Office's dialog window (Xero's pages refuse to be framed, so never in the pane).
 * The dialog starts on the pane's own origin (/auth/xero/start), which redirects to Xero; the proxy's
 * callback page sends back a proxy session token with `messageParent`.
 */
export function signInWithXero(origin: string = window.location.origin): Promise<string> {
  return new Promise((resolve, reject) => {
    if (typeof Office === 'undefined' || !Office.context?.ui) {
      reject(new Error('Open this pane in Excel to connect to Xero'));
      return;
    }
    Office.context.ui.displayDialogAsync(`${origin}/auth/xero/start`, { height: 70, width: 40, promptBeforeOpen: false }, (opened) => {
      if (opened.status === Office.AsyncResultStatus.Failed) {
        reject(new Error(`The Xero sign-in window could not open: ${opened.error.message}`));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        const message = 'message' in arg ? arg.message : '';
        let parsed: z.infer<typeof dialogResultSchema> | null = null;
        try {
          const result = dialogResultSchema.safeParse(JSON.parse(message));
          parsed = result.success ? result.data : null;
        } catch {
          parsed = null;
        }
        if (!parsed) reject(new Error('The Xero sign-in window sent an answer this pane does not understand: try again'));
        else if (parsed.type === 'signed-in') resolve(parsed.token);
        else reject(new Error(parsed.message));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        const code = 'error' in arg ? arg.error : 0;
        reject(
          new Error(
            code === DIALOG_CLOSED
              ? 'The Xero sign-in window was closed before signing in finished'
              : `The Xero sign-in window stopped (error ${code}): try again`,
          ),
        );
      });
    });
  });
}
