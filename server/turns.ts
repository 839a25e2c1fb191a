/**
 * Runs work one piece at a time, in the order it was asked for, each piece in its own turn of the event loop: a plan
 * of thousands of rows made in the proxy's thread (PLAN_THREADS=0), and the chunks of a large table read from the
 * store and the steps of a reports index. Between two pieces the loop reads the sockets, so requests still arriving
 * are parsed and answered; without this, the pieces that became ready together (a chunk of each of six tables read
 * at once) run back to back in one turn while other requests wait.
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
