// What a villager's photo costs on the network (issue 16 item 5): a 12-megapixel camera photo through the app's own
// H5 pipeline (browser-image-compression with H5_SHRINK from src/services/photoSize.ts) in Debian's Chromium.
// The photo is drawn in the page, since this machine holds no camera photos: a field under a sky, a wall with a
// door and a sheet of printed lines (what people photograph here), with sensor-like noise, saved as a phone camera
// does (JPEG quality 92). Part of `npm run bench`; alone:
//   npx tsx scripts/bench/photo.ts
import path from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM } from '../../test/support/browser'
import { H5_SHRINK } from '../../src/services/photoSize'

export interface PhotoFigures {
  original: { width: number; height: number; bytes: number }
  sent: { width: number; height: number; bytes: number }
  /** Time to shrink in this Chromium on this machine (a phone is slower). */
  shrinkMs: number
}

const LIB = path.resolve(__dirname, '..', '..', 'node_modules', 'browser-image-compression', 'dist', 'browser-image-compression.js')

export async function measurePhoto(): Promise<PhotoFigures> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const page = await browser.newPage()
    await page.setContent('<!doctype html><html><body></body></html>')
    await page.addScriptTag({ path: LIB })
    // tsx names the functions it compiles with a helper (__name) that the page does not have.
    await page.addScriptTag({ content: 'window.__name = (f) => f' })
    return await page.evaluate(async (options) => {
      const W = 4000
      const H = 3000
      const canvas = document.createElement('canvas')
      canvas.width = W
      canvas.height = H
      const g = canvas.getContext('2d') as CanvasRenderingContext2D
      // A seeded random, so every run draws the same photo.
      let seed = 20261202
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
      const sky = g.createLinearGradient(0, 0, 0, H * 0.4)
      sky.addColorStop(0, '#7fa8d8')
      sky.addColorStop(1, '#d9e6f2')
      g.fillStyle = sky
      g.fillRect(0, 0, W, H * 0.4)
      // Furrowed fields: stripes of greens and browns.
      for (let y = H * 0.4; y < H; y += 6 + rnd() * 10) {
        g.fillStyle = `hsl(${70 + rnd() * 40}, ${30 + rnd() * 30}%, ${25 + rnd() * 25}%)`
        g.fillRect(0, y, W, 4 + rnd() * 8)
      }
      // A mud-brick wall with a door.
      g.fillStyle = '#b59b7a'
      g.fillRect(200, 700, 1500, 1200)
      for (let i = 0; i < 1500; i++) {
        g.fillStyle = `rgba(${90 + rnd() * 60}, ${70 + rnd() * 40}, ${50 + rnd() * 30}, 0.35)`
        g.fillRect(200 + rnd() * 1480, 700 + rnd() * 1180, 30 + rnd() * 60, 12 + rnd() * 18)
      }
      g.fillStyle = '#5b3a22'
      g.fillRect(800, 1100, 380, 800)
      // A sheet of printed lines held up to the camera (an ID card, a receipt, a pesticide label).
      g.save()
      g.translate(2300, 900)
      g.rotate(-0.06)
      g.fillStyle = '#f4f1ea'
      g.fillRect(0, 0, 1400, 1700)
      g.fillStyle = '#222'
      for (let line = 0; line < 40; line++) {
        for (let x = 80; x < 1300; x += 24 + rnd() * 30) g.fillRect(x, 90 + line * 38, 14 + rnd() * 20, 18)
      }
      g.restore()
      // Sensor noise, as in any phone photo in daylight.
      const img = g.getImageData(0, 0, W, H)
      const d = img.data
      for (let i = 0; i < d.length; i += 4) {
        const n = (rnd() + rnd() + rnd() - 1.5) * 10
        d[i] += n
        d[i + 1] += n
        d[i + 2] += n
      }
      g.putImageData(img, 0, 0)
      const camera = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/jpeg', 0.92))
      const file = new File([camera], 'IMG_0001.jpg', { type: 'image/jpeg' })
      type Compress = (f: File, o: typeof options) => Promise<File>
      const compress = (window as unknown as { imageCompression: Compress }).imageCompression
      const t0 = performance.now()
      const small = await compress(file, { ...options })
      const shrinkMs = performance.now() - t0
      const bitmap = await createImageBitmap(small)
      return {
        original: { width: W, height: H, bytes: camera.size },
        sent: { width: bitmap.width, height: bitmap.height, bytes: small.size },
        shrinkMs,
      }
    }, H5_SHRINK)
  } finally {
    await browser.close()
  }
}

if (require.main === module) {
  measurePhoto().then(
    (f) => {
      console.log(JSON.stringify(f))
      process.exit(0)
    },
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
