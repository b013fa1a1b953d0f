// A signature drawn with a finger: a Taro `Canvas type="2d"` in WeChat (its node from a selector query, exported with
// `canvasToTempFilePath`), a plain HTML canvas on H5 (exported with `toBlob` as a blob: URL). Either way the result is
// a local PNG path that goes up through the ordinary photo upload (a fresh upload folder, checked by the server's
// `acceptImages`) and is attached to the party's confirmation.
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, Text, View } from '@tarojs/components'
import BigButton from '@/components/BigButton'

export interface SignaturePadHandle {
  /** A local path of the drawing as PNG (weapp temp file, or a blob: URL on H5). */
  exportPng(): Promise<string>
  clear(): void
}

interface Surface {
  ctx: CanvasRenderingContext2D
  width: number
  height: number
  exportPng(): Promise<string>
}

const HEIGHT = 160
const INK = '#1a1a1a'

function paintBlank(s: Surface): void {
  s.ctx.save()
  s.ctx.setTransform(1, 0, 0, 1, 0, 0)
  s.ctx.fillStyle = '#ffffff'
  s.ctx.fillRect(0, 0, s.ctx.canvas ? s.ctx.canvas.width : s.width, s.ctx.canvas ? s.ctx.canvas.height : s.height)
  s.ctx.restore()
  s.ctx.strokeStyle = INK
  s.ctx.lineWidth = 3
  s.ctx.lineCap = 'round'
  s.ctx.lineJoin = 'round'
}

interface Point {
  x: number
  y: number
}

export interface SignaturePadProps {
  id: string
  /** Told whether anything is drawn, so the confirm button can wait for ink. */
  onInk?: (hasInk: boolean) => void
}

export const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad({ id, onInk }, ref) {
  const surface = useRef<Surface | null>(null)
  const last = useRef<Point | null>(null)
  const htmlCanvas = useRef<HTMLCanvasElement | null>(null)
  const [ink, setInk] = useState(false)
  const [broken, setBroken] = useState(false)
  const mark = useCallback(
    (has: boolean) => {
      setInk(has)
      onInk?.(has)
    },
    [onInk],
  )

  // WeChat: the 2d canvas node comes from a selector query once the page has laid it out.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    const timer = setTimeout(() => {
      Taro.createSelectorQuery()
        .select(`#${id}-canvas`)
        .fields({ node: true, size: true })
        .exec((res: { node?: HTMLCanvasElement; width: number; height: number }[]) => {
          const found = res?.[0]
          const node = found?.node
          if (!node) return setBroken(true)
          const dpr = Taro.getWindowInfo?.().pixelRatio ?? 2
          node.width = Math.round(found.width * dpr)
          node.height = Math.round(found.height * dpr)
          const ctx = node.getContext('2d')
          if (!ctx) return setBroken(true)
          ctx.scale(dpr, dpr)
          const s: Surface = {
            ctx,
            width: found.width,
            height: found.height,
            exportPng: () =>
              new Promise((resolve, reject) => {
                void Taro.canvasToTempFilePath({ canvas: node as unknown as Taro.Canvas, fileType: 'png', success: (r) => resolve(r.tempFilePath), fail: () => reject(new Error('export failed')) })
              }),
          }
          paintBlank(s)
          surface.current = s
        })
    }, 50)
    return () => clearTimeout(timer)
  }, [id])

  // H5: an ordinary canvas element sized to its box.
  const attachHtml = useCallback((el: HTMLCanvasElement | null) => {
    htmlCanvas.current = el
    if (!el || surface.current) return
    const ctx = el.getContext('2d')
    if (!ctx) return setBroken(true)
    const width = el.clientWidth || 320
    const height = el.clientHeight || HEIGHT
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1
    el.width = Math.round(width * dpr)
    el.height = Math.round(height * dpr)
    ctx.scale(dpr, dpr)
    const s: Surface = {
      ctx,
      width,
      height,
      exportPng: () =>
        new Promise((resolve, reject) => {
          el.toBlob((blob) => (blob ? resolve(URL.createObjectURL(blob)) : reject(new Error('export failed'))), 'image/png')
        }),
    }
    paintBlank(s)
    surface.current = s
  }, [])

  const begin = (p: Point) => {
    last.current = p
    const s = surface.current
    if (!s) return
    s.ctx.beginPath()
    s.ctx.arc(p.x, p.y, 1.5, 0, Math.PI * 2)
    s.ctx.fillStyle = INK
    s.ctx.fill()
  }
  const move = (p: Point) => {
    const s = surface.current
    const from = last.current
    if (!s || !from) return
    s.ctx.beginPath()
    s.ctx.moveTo(from.x, from.y)
    s.ctx.lineTo(p.x, p.y)
    s.ctx.stroke()
    last.current = p
    if (!ink) mark(true)
  }
  const end = () => {
    last.current = null
  }

  const clear = useCallback(() => {
    if (surface.current) paintBlank(surface.current)
    mark(false)
  }, [mark])

  useImperativeHandle(ref, () => ({
    exportPng: () => {
      if (!surface.current) return Promise.reject(new Error('no canvas'))
      return surface.current.exportPng()
    },
    clear,
  }))

  const pointOf = (e: { clientX: number; clientY: number }): Point => {
    const box = htmlCanvas.current?.getBoundingClientRect()
    return { x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) }
  }

  return (
    <View className='fq-med-sign' id={id}>
      <Text className='fq-med-card__line'>请在下面白框里用手指写上您的名字</Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <Canvas
          type='2d'
          id={`${id}-canvas`}
          className='fq-med-sign__canvas'
          disableScroll
          onTouchStart={(e) => begin({ x: (e.touches[0] as unknown as Point).x, y: (e.touches[0] as unknown as Point).y })}
          onTouchMove={(e) => move({ x: (e.touches[0] as unknown as Point).x, y: (e.touches[0] as unknown as Point).y })}
          onTouchEnd={end}
        />
      ) : (
        <canvas
          id={`${id}-canvas`}
          className='fq-med-sign__canvas'
          ref={attachHtml}
          style={{ touchAction: 'none' }}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture?.(e.pointerId)
            begin(pointOf(e))
          }}
          onPointerMove={(e) => move(pointOf(e))}
          onPointerUp={end}
          onPointerLeave={end}
        />
      )}
      {broken ? <Text className='fq-med-error'>这台手机写不了签名，可以直接确认，或请民警拍纸质协议登记。</Text> : null}
      <BigButton kind='plain' id={`${id}-clear`} disabled={!ink} onClick={clear}>
        写错了，重写
      </BigButton>
    </View>
  )
})
