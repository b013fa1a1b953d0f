// Draws the four 81×81 tab-bar icons (grey and selected blue) as PNGs into src/assets/tab/.
// Run once after changing a shape: `npx tsx scripts/make-tab-icons.ts`. The PNGs are committed.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 81
type Shape = (x: number, y: number) => boolean

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** RGBA PNG; 4×4 supersampling gives soft edges. */
function png(shape: Shape, [r, g, b]: [number, number, number]): Buffer {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (shape(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++
      const o = y * (SIZE * 4 + 1) + 1 + x * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((hits / 16) * 255)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const union = (...s: Shape[]): Shape => (x, y) => s.some((f) => f(x, y))
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y)
/** Triangle with apex at top centre. */
const triangle = (cx: number, top: number, half: number, bottom: number): Shape => (x, y) =>
  y >= top && y <= bottom && Math.abs(x - cx) <= ((y - top) / (bottom - top)) * half

const shapes: Record<string, Shape> = {
  // A house: roof and body with a door.
  home: union(triangle(40.5, 10, 32, 38), minus(rect(18, 36, 63, 70), rect(34, 48, 47, 70))),
  // A clipboard with lines: paperwork at the station.
  services: union(
    minus(rect(16, 14, 65, 72), rect(22, 20, 59, 66)),
    rect(30, 8, 51, 20),
    rect(28, 32, 53, 37),
    rect(28, 44, 53, 49),
    rect(28, 56, 45, 61),
  ),
  // A warning triangle with an exclamation mark.
  report: minus(triangle(40.5, 8, 36, 72), union(rect(37, 28, 44, 52), circle(40.5, 61, 4))),
  // A person: head and shoulders.
  me: union(circle(40.5, 26, 15), minus(circle(40.5, 78, 32), rect(0, 72, 81, 81))),
}

const out = path.resolve(__dirname, '../src/assets/tab')
for (const [name, shape] of Object.entries(shapes)) {
  writeFileSync(path.join(out, `${name}.png`), png(shape, [0x4a, 0x4a, 0x4a]))
  writeFileSync(path.join(out, `${name}-active.png`), png(shape, [0x1b, 0x4f, 0x9c]))
}
console.log(`wrote ${Object.keys(shapes).length * 2} icons to ${out}`)
