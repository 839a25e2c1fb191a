/**
 * Runs CPU-heavy work (a plan of thousands of rows) one piece at a time, in the order it was asked for, each piece
 * in its own turn of the event loop. Between two pieces the loop reads the sockets, so requests still arriving are
 * parsed and queued in order; without this, pieces run back to back in one turn while other requests' bodies wait,
 * and whoever is unlucky waits for many turns.
 */
const waiting: Array<() => void> = [];
let scheduled = false;

function next(): void {
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(next);
  else scheduled = false;
}

export function inTurn<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    waiting.push(() => {
      try {
        resolve(work());
      } catch (err) {
        reject(err);
      }
    });
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  });
}
