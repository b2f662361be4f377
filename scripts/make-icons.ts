/**
 * `npm run make:icons`: the app's icons, drawn here and committed, so packaging needs no image tool. An envelope on
 * a blue rounded square, anti-aliased by 4×4 supersampling; the tray's failure variant adds a red dot. Written as
 * PNG (zlib, no dependency), and packed into build/icons/icon.ico and icon.icns, both of which hold PNG images
 * (allowed since Windows Vista and macOS 10.7), so no converter is needed either.
 *
 * Out: build/icons/NxN.png (16…1024) and icon.png (512) for Linux, icon.ico, icon.icns;
 * electron/app/assets/tray.png, tray@2x.png, tray-failure.png, tray-failure@2x.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

type Rgba = readonly [number, number, number, number];
const blue: Rgba = [37, 99, 235, 255];
const white: Rgba = [255, 255, 255, 255];
const flap: Rgba = [191, 210, 250, 255];
const red: Rgba = [220, 38, 38, 255];

/** Which colour covers the point (x, y) of the unit square, or null for transparent. */
function paint(x: number, y: number, failure: boolean): Rgba | null {
  if (failure && (x - 0.8) ** 2 + (y - 0.2) ** 2 <= 0.18 ** 2) {
    return red;
  }
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) {
    return null;
  }
  const inEnvelope = x >= 0.2 && x <= 0.8 && y >= 0.3 && y <= 0.72;
  if (!inEnvelope) {
    return blue;
  }
  // The flap: a V from the top corners to the middle, 0.05 thick.
  const v = 0.3 + (0.5 - Math.abs(x - 0.5)) * 0.7;
  return Math.abs(y - v) < 0.045 ? flap : white;
}

/** RGBA pixels of a size×size icon. */
export function drawIcon(size: number, failure = false): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const colour = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, failure);
          if (colour !== null) {
            // premultiplied, so edges blend towards transparent rather than black
            sum[0]! += (colour[0] * colour[3]) / 255;
            sum[1]! += (colour[1] * colour[3]) / 255;
            sum[2]! += (colour[2] * colour[3]) / 255;
            sum[3]! += colour[3];
          }
        }
      }
      const alpha = sum[3]! / (n * n);
      const at = (py * size + px) * 4;
      const unpremultiply = (c: number): number =>
        alpha === 0 ? 0 : Math.round((c / (n * n) / alpha) * 255);
      pixels[at] = unpremultiply(sum[0]!);
      pixels[at + 1] = unpremultiply(sum[1]!);
      pixels[at + 2] = unpremultiply(sum[2]!);
      pixels[at + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG (RGBA, 8 bits, no interlace) of size×size pixels. */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico of PNG images (ICONDIR, one ICONDIRENTRY each; 256 is written as 0). */
export function encodeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const dir = Buffer.alloc(6);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([dir, ...entries, ...images.map((i) => i.png)]);
}

/** The .icns types that hold PNG data, by pixel size. */
export const icnsTypes: Readonly<Record<number, string>> = {
  16: 'icp4',
  32: 'icp5',
  64: 'icp6',
  128: 'ic07',
  256: 'ic08',
  512: 'ic09',
  1024: 'ic10',
};

export function encodeIcns(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const parts = images.map(({ size, png }) => {
    const head = Buffer.alloc(8);
    head.write(icnsTypes[size] ?? '', 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function main(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const icons = path.join(root, 'build', 'icons');
  const assets = path.join(root, 'electron', 'app', 'assets');
  fs.mkdirSync(icons, { recursive: true });
  fs.mkdirSync(assets, { recursive: true });
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  const pngs = new Map(sizes.map((size) => [size, encodePng(size, drawIcon(size))]));
  for (const [size, png] of pngs) {
    fs.writeFileSync(path.join(icons, `${size}x${size}.png`), png);
  }
  fs.writeFileSync(path.join(icons, 'icon.png'), pngs.get(512)!);
  const pick = (list: number[]) => list.map((size) => ({ size, png: pngs.get(size)! }));
  fs.writeFileSync(path.join(icons, 'icon.ico'), encodeIco(pick([16, 24, 32, 48, 64, 128, 256])));
  fs.writeFileSync(path.join(icons, 'icon.icns'), encodeIcns(pick([16, 32, 64, 128, 256, 512, 1024])));
  fs.writeFileSync(path.join(assets, 'tray.png'), encodePng(16, drawIcon(16)));
  fs.writeFileSync(path.join(assets, 'tray@2x.png'), encodePng(32, drawIcon(32)));
  fs.writeFileSync(path.join(assets, 'tray-failure.png'), encodePng(16, drawIcon(16, true)));
  fs.writeFileSync(path.join(assets, 'tray-failure@2x.png'), encodePng(32, drawIcon(32, true)));
  process.stdout.write(
    `icons written to ${path.relative(root, icons)}/ and ${path.relative(root, assets)}/\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
