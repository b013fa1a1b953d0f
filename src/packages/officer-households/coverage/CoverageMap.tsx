// 见警率 on a map: one point per 社 (the mean of its located addresses), coloured by this quarter's visited share;
// tapping one shows the 社's figures. WeChat's own map on weapp; Taro has no map on H5, so there the points are
// drawn on a plain box by their position (no map tiles) and a note says so.
import { useState } from 'react'
import { Map as WxMap, Text, View } from '@tarojs/components'
import type { CoverageRow } from '@contract/households'
import { percent, Row } from './CoverageView'

export const RATE_BANDS = [
  { below: 0.3, color: '#c62828', label: '不到三成' },
  { below: 0.6, color: '#d97a00', label: '三到六成' },
  { below: Infinity, color: '#2e7d32', label: '六成以上' },
] as const

export const rateColor = (rate: number): string => (RATE_BANDS.find((b) => rate < b.below) ?? RATE_BANDS[2]).color

type Located = CoverageRow & { center: NonNullable<CoverageRow['center']> }

/** Each located 社's place in a 0..100 box (north up), with a margin so a point at the edge stays visible. */
export function plotPositions(rows: readonly Located[]): { left: number; top: number }[] {
  const lats = rows.map((r) => r.center.latitude)
  const lngs = rows.map((r) => r.center.longitude)
  const span = (xs: number[]) => Math.max(...xs) - Math.min(...xs) || 1
  const [latMax, lngMin] = [Math.max(...lats), Math.min(...lngs)]
  return rows.map((r) => ({
    left: 10 + ((r.center.longitude - lngMin) / span(lngs)) * 80,
    top: 10 + ((latMax - r.center.latitude) / span(lats)) * 80,
  }))
}

/** A label starts at its point on the left half and ends there on the right half, so none runs off the box. */
export const dotShift = (left: number): string => (left < 34 ? 'translate(-12%, -50%)' : left > 66 ? 'translate(-88%, -50%)' : 'translate(-50%, -50%)')

function Legend() {
  return (
    <View className='fq-hh-legend' id='coverage-legend'>
      {RATE_BANDS.map((b) => (
        <View className='fq-hh-legend__item' key={b.color}>
          <View className='fq-hh-legend__dot' style={{ background: b.color }} />
          <Text>{b.label}</Text>
        </View>
      ))}
    </View>
  )
}

export default function CoverageMap({ rows }: { rows: readonly CoverageRow[] }) {
  const located = rows.filter((r): r is Located => r.center !== null)
  const unplaced = rows.filter((r) => r.center === null)
  const [picked, setPicked] = useState<number>()
  // A map that cannot load (no network for the tiles, an old WeChat) falls back to the drawn points.
  const [mapFailed, setMapFailed] = useState(false)
  const shown = picked === undefined ? undefined : located[picked]
  return (
    <View className='fq-card' id='coverage-map'>
      <Text className='fq-title'>地图</Text>
      {located.length === 0 ? (
        <Text className='fq-muted' id='coverage-map-empty'>
          还没有哪个社的住户标了位置。改地址时标上位置，这里就会出现。
        </Text>
      ) : process.env.TARO_ENV === 'weapp' && !mapFailed ? (
        <WxMap
          id='coverage-wxmap'
          className='fq-hh-map'
          latitude={located[0].center.latitude}
          longitude={located[0].center.longitude}
          scale={13}
          includePoints={located.map((r) => r.center)}
          markers={located.map((r, i) => ({
            id: i,
            // No icon file: WeChat draws its default pin (an image would go to the main package's assets, and Taro
            // would inline a small one as base64, which phones do not show); the colour is the callout's.
            iconPath: '',
            latitude: r.center.latitude,
            longitude: r.center.longitude,
            width: 28,
            height: 36,
            callout: { content: `${r.group} ${percent(r.rate)}`, color: '#ffffff', bgColor: rateColor(r.rate), fontSize: 16, borderRadius: 8, padding: 8, display: 'ALWAYS', anchorX: 0, anchorY: 0, borderWidth: 0, borderColor: rateColor(r.rate), textAlign: 'center' },
          }))}
          onMarkerTap={(e) => setPicked(Number(e.detail.markerId))}
          onCalloutTap={(e) => setPicked(Number(e.detail.markerId))}
          onError={() => setMapFailed(true)}
        />
      ) : (
        <>
          <View className='fq-hh-plot' id='coverage-plot'>
            {plotPositions(located).map((p, i) => (
              <View
                key={`${located[i].villageId}-${located[i].group}`}
                id={`coverage-dot-${i}`}
                className={`fq-hh-plot__dot${picked === i ? ' fq-hh-plot__dot--on' : ''}`}
                style={{ left: `${p.left}%`, top: `${p.top}%`, background: rateColor(located[i].rate), transform: dotShift(p.left) }}
                onClick={() => setPicked(i)}
              >
                <Text>{`${located[i].villageName}${located[i].group} ${percent(located[i].rate)}`}</Text>
              </View>
            ))}
          </View>
          <Text className='fq-muted' id='coverage-map-note'>
            {mapFailed ? '地图没加载出来（可能没信号），先按各社的位置画点（上北下南）。' : '网页版没有地图底图，这里只按各社的位置画点（上北下南）；在微信小程序里是真地图。'}
          </Text>
        </>
      )}
      {located.length > 0 ? <Legend /> : null}
      {shown ? <Row r={shown} /> : located.length > 0 ? <Text className='fq-muted'>点一个社，看它的走访数字。</Text> : null}
      {unplaced.length > 0 ? <Text className='fq-muted' id='coverage-unplaced'>{`${unplaced.map((r) => `${r.villageName}${r.group}`).join('、')}还没有位置，不在图上，看下面的列表。`}</Text> : null}
    </View>
  )
}
