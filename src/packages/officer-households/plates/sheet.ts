// The printable doorplate sheet, composed in the app (the cloud function has no CJK font): A4 pages of 3×4 plates,
// each its 小程序码 with the address under it. The layout is plain numbers; the weapp draws it on a canvas and exports
// PNGs, the H5 build lays the same grid out in CSS for the browser to print or save as PDF.
import type { SheetItem } from '@contract/households'

export const SHEET_COLS = 3
export const SHEET_ROWS = 4
export const PER_PAGE = SHEET_COLS * SHEET_ROWS

/** A4 at 150 dpi: enough for a 小程序码 to scan well once printed about 4.5 cm wide. */
export const PAGE_W = 1240
export const PAGE_H = 1754
const MARGIN = 60
const PAD = 20
const LINE1_PX = 34
const LINE2_PX = 46

export interface PlateCell {
  plateId: string
  lines: [string, string]
  /** The cut line around the plate. */
  box: { x: number; y: number; w: number; h: number }
  qr: { x: number; y: number; size: number }
  /** Baselines of the two address lines, centred on `cx`. */
  cx: number
  line1Y: number
  line2Y: number
}

/** Plates split into pages of PER_PAGE, in the order the server gave (社, then 门牌号). */
export function paginate<T>(items: readonly T[], perPage = PER_PAGE): T[][] {
  const pages: T[][] = []
  for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage))
  return pages
}

/** Where each plate of one page goes. */
export function layoutPage(items: readonly Pick<SheetItem, 'plateId' | 'lines'>[]): PlateCell[] {
  const w = (PAGE_W - MARGIN * 2) / SHEET_COLS
  const h = (PAGE_H - MARGIN * 2) / SHEET_ROWS
  const size = Math.floor(Math.min(w - PAD * 2, h - PAD * 2 - LINE1_PX - LINE2_PX - 40))
  return items.slice(0, PER_PAGE).map((item, i) => {
    const col = i % SHEET_COLS
    const row = Math.floor(i / SHEET_COLS)
    const x = MARGIN + col * w
    const y = MARGIN + row * h
    const qrY = y + PAD
    return {
      plateId: item.plateId,
      lines: item.lines,
      box: { x, y, w, h },
      qr: { x: Math.round(x + (w - size) / 2), y: qrY, size },
      cx: Math.round(x + w / 2),
      line1Y: qrY + size + 12 + LINE1_PX,
      line2Y: qrY + size + 24 + LINE1_PX + LINE2_PX,
    }
  })
}

/** What drawing a page needs of a 2D canvas context (the real one has all of it). */
export interface SheetContext {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: unknown
  textBaseline: unknown
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  drawImage(image: never, x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number, maxWidth?: number): void
  setLineDash?(segments: number[]): void
}

/** Draws one page: white paper, a dashed cut line round each plate, its code, and the address under it. A plate whose
 * image could not be loaded gets its id written in the code's place, so it can be made again. */
export function drawPage(ctx: SheetContext, cells: readonly PlateCell[], images: ReadonlyMap<string, unknown>): void {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, PAGE_W, PAGE_H)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'alphabetic'
  for (const c of cells) {
    ctx.strokeStyle = '#9aa3ad'
    ctx.lineWidth = 2
    ctx.setLineDash?.([12, 8])
    ctx.strokeRect(c.box.x, c.box.y, c.box.w, c.box.h)
    ctx.setLineDash?.([])
    const image = images.get(c.plateId)
    ctx.fillStyle = '#000000'
    if (image) ctx.drawImage(image as never, c.qr.x, c.qr.y, c.qr.size, c.qr.size)
    else {
      ctx.font = `${LINE1_PX}px sans-serif`
      ctx.fillText(`${c.plateId}（码没取到）`, c.cx, c.qr.y + c.qr.size / 2, c.box.w - PAD * 2)
    }
    ctx.font = `${LINE1_PX}px sans-serif`
    ctx.fillText(c.lines[0], c.cx, c.line1Y, c.box.w - PAD * 2)
    ctx.font = `bold ${LINE2_PX}px sans-serif`
    ctx.fillText(c.lines[1], c.cx, c.line2Y, c.box.w - PAD * 2)
  }
}
