/**
 * Draws the add-in's ribbon and manifest icons (16, 32 and 80 px PNGs in addin/assets):
 * a teal tile with a white bridge arch over a deck, drawn with anti-aliased coverage sampling.
 * Usage: npm run icons
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const TEAL: [number, number, number] = [0x1f, 0x6f, 0x8b];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

function inside(x: number, y: number): 'tile' | 'mark' | 'none' {
  // Unit square coordinates 0..1. Rounded tile with radius 0.18.
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 'none';
  // Arch: a ring centred below the deck.
  const d = Math.hypot(x - 0.5, y - 0.78);
  const arch = d > 0.3 && d < 0.4 && y < 0.7;
  const deck = y > 0.62 && y < 0.7 && x > 0.12 && x < 0.88;
  const piers = (Math.abs(x - 0.25) < 0.035 || Math.abs(x - 0.75) < 0.035) && y > 0.7 && y < 0.86;
  return arch || deck || piers ? 'mark' : 'tile';
}

function draw(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const where = inside((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (where === 'tile') tile++;
          else if (where === 'mark') mark++;
        }
      }
      const covered = tile + mark;
      const i = (py * size + px) * 4;
      const t = covered === 0 ? 0 : mark / covered;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(TEAL[c]! * (1 - t) + WHITE[c]! * t);
      png.data[i + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return PNG.sync.write(png);
}

const out = path.resolve(__dirname, '..', 'addin', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80]) {
  fs.writeFileSync(path.join(out, `icon-${size}.png`), draw(size));
}
process.stdout.write(`Icons written to ${out}\n`);
