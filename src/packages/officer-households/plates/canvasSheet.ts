// weapp: the sheet drawn page by page on a 2D canvas and exported as PNGs (canvasToTempFilePath), to save to the album
// or share to the print shop. Each code is fetched from cloud storage to a local file first (a canvas image needs one).
import Taro from '@tarojs/taro'
import type { SheetItem } from '@contract/households'
import { drawPage, layoutPage, PAGE_H, PAGE_W, type SheetContext } from './sheet'

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): SheetContext
  createImage(): { src: string; onload: (() => void) | null; onerror: (() => void) | null }
}

function canvasNode(selector: string): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(selector)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode } | null>) => {
        const node = res?.[0]?.node
        if (node) resolve(node)
        else reject(new Error('canvas not found'))
      })
  })
}

function loadImage(canvas: CanvasNode, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const img = canvas.createImage()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image did not load'))
    img.src = path
  })
}

async function codeImage(canvas: CanvasNode, item: SheetItem): Promise<unknown> {
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: item.imageFileId })
  return loadImage(canvas, tempFilePath)
}

/** Draws each page and answers the PNGs' temp paths, in page order. `onPage` hears each page as it is done. */
export async function exportSheetPngs(selector: string, pages: readonly SheetItem[][], onPage: (done: number) => void): Promise<string[]> {
  const canvas = await canvasNode(selector)
  canvas.width = PAGE_W
  canvas.height = PAGE_H
  const ctx = canvas.getContext('2d')
  const paths: string[] = []
  for (const page of pages) {
    const images = new Map<string, unknown>()
    for (const item of page) {
      // A code that cannot be fetched is drawn as its id: the rest of the page still prints.
      const img = await codeImage(canvas, item).catch(() => undefined)
      if (img) images.set(item.plateId, img)
    }
    drawPage(ctx, layoutPage(page), images)
    const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png', destWidth: PAGE_W, destHeight: PAGE_H })
    paths.push(tempFilePath)
    onPage(paths.length)
  }
  return paths
}
