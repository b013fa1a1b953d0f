// Whether a photo stored by the H5 app is the picture the person chose: the app re-encodes every photo as a JPEG
// (src/services/shrinkPhoto.h5.ts), so the bytes differ; the size and, pixel by pixel, the picture do not.
import type { Page } from 'playwright-core'

export async function expectSamePicture(page: Page, chosen: { bytes: Buffer; type: string }, stored: Buffer): Promise<void> {
  expect([...stored.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
  const same = await page.evaluate(
    async ([a, b]) => {
      const pixels = async (src: string) => {
        const img = new Image()
        img.src = src
        await img.decode()
        const c = document.createElement('canvas')
        c.width = img.naturalWidth
        c.height = img.naturalHeight
        const g = c.getContext('2d') as CanvasRenderingContext2D
        g.drawImage(img, 0, 0)
        return { w: c.width, h: c.height, data: g.getImageData(0, 0, c.width, c.height).data }
      }
      const [x, y] = [await pixels(a), await pixels(b)]
      let diff = 0
      for (let i = 0; i < x.data.length; i += 4) diff += Math.abs(x.data[i] - y.data[i])
      return { sameSize: x.w === y.w && x.h === y.h, meanDiff: diff / (x.data.length / 4) }
    },
    [`data:${chosen.type};base64,${chosen.bytes.toString('base64')}`, `data:image/jpeg;base64,${stored.toString('base64')}`] as const,
  )
  expect(same.sameSize).toBe(true)
  // Red channel, 0–255: JPEG at quality 80 moves a QR code's pixels by a few levels; another picture by ~100.
  expect(same.meanDiff).toBeLessThan(8)
}
