import { inTurn } from '../turns';

/** Records a chunk per turn of the event loop, so that reading many never holds other requests up for long. */
export async function* inTurns(records: readonly unknown[], size = 2000): AsyncGenerator<unknown[]> {
  for (let i = 0; i < records.length; i += size) yield await inTurn(() => records.slice(i, i + size));
}
