/** Prints one benchmark figure line: `name  value  (detail)`. */
export function figure(name: string, value: string, detail = ''): void {
  process.stdout.write(`${name.padEnd(44)} ${value.padStart(16)}  ${detail}\n`);
}

export function heading(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export type Check = { name: string; ok: boolean; detail: string };
export const checks: Check[] = [];

/** Records a target; the run ends with a list of targets met and missed (the exit code says too). */
export function target(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
}
