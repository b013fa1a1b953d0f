// What a report says (theft or pesticide details) and its photos, as both the reporter and officers see them.
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { definedProps } from '@/components/definedProps'
import type { PesticideView, PhotoView, TheftView } from '@contract/reports'
import { formatDateTime } from '@/services/time'
import './form.scss'
import './facts.scss'

function Row({ label, value, id }: { label: string; value: string | null | undefined; id?: string }) {
  if (!value) return null
  return (
    <View className='fq-fact' {...definedProps({ id })}>
      <Text className='fq-fact__label'>{label}</Text>
      <Text className='fq-fact__value'>{value}</Text>
    </View>
  )
}

export function TheftFacts({ theft }: { theft: TheftView }) {
  return (
    <View id='report-facts'>
      <Row label='丢了什么' value={theft.items.map((i) => (i.value ? `${i.name}（${i.value}元）` : i.name)).join('、')} />
      <Row label='估计共值' value={theft.totalValue ? `${theft.totalValue}元` : ''} />
      <Row label='时间' value={`${formatDateTime(theft.from)} 到 ${formatDateTime(theft.to)}`} />
      <Row label='地点' value={theft.place} />
      <Row label='可疑情况' value={theft.suspect} />
      <Row label='其他' value={theft.description} />
    </View>
  )
}

export function PesticideFacts({ pesticide, forOfficer }: { pesticide: PesticideView; forOfficer?: boolean }) {
  const reg =
    pesticide.registrationNo && forOfficer && pesticide.registrationNoPlausible === false ? `${pesticide.registrationNo}（格式不像真的登记证号）` : pesticide.registrationNo
  return (
    <View id='report-facts'>
      <Row label='农药' value={`${pesticide.brand} ${pesticide.product}`} />
      <Row label='登记证号' value={reg} id='fact-registration' />
      <Row label='批号' value={pesticide.batchNo} />
      <Row label='在哪买的' value={[pesticide.shop, pesticide.address].filter(Boolean).join('，')} />
      <Row label='哪天买的' value={formatDateTime(pesticide.boughtAt).split(' ')[0]} />
      <Row label='花了' value={pesticide.amountPaid !== null ? `${pesticide.amountPaid}元` : ''} />
      <Row label='庄稼' value={[pesticide.crop, pesticide.areaMu !== null ? `${pesticide.areaMu}亩` : ''].filter(Boolean).join('，')} />
      <Row label='受害情况' value={pesticide.damage} />
    </View>
  )
}

/** Photos as tiles; a tap opens the big viewer, where the person can swipe through all of them. */
export function PhotoStrip({ photos, hidden }: { photos: PhotoView[]; hidden?: number }) {
  const urls = photos.map((p) => p.url).filter(Boolean)
  if (photos.length === 0 && !hidden) return <Text className='fq-muted'>没有照片</Text>
  return (
    <View>
      <View className='fq-photos__grid' id='report-photos'>
        {photos.map((p, i) =>
          p.url ? (
            <Image
              key={p.fileId}
              id={`report-photo-${i}`}
              className='fq-photo-thumb'
              src={p.url}
              mode='aspectFill'
              onClick={() => void Taro.previewImage({ urls, current: p.url })}
            />
          ) : (
            <View key={p.fileId} className='fq-photo-thumb fq-photo__placeholder'>
              <Text>暂时打不开</Text>
            </View>
          ),
        )}
      </View>
      {photos.some((p) => p.check === 'pending') ? <Text className='fq-muted'>照片还在安全检查，检查完就一直能看。</Text> : null}
      {hidden ? <Text className='fq-muted'>{`有${hidden}张照片没通过安全检查，已隐藏`}</Text> : null}
    </View>
  )
}

export interface TimelineLine {
  at: string
  label: string
  note: string
  /** Who made the move, as the viewer may know it. */
  by?: string
  /** Only staff see it. */
  internal?: boolean
}

/** The history of a report, oldest first, one dot per event. */
export function Timeline({ lines }: { lines: TimelineLine[] }) {
  return (
    <View className='fq-timeline' id='report-timeline'>
      {lines.map((l, i) => (
        <View className='fq-timeline__item' key={`${l.at}-${i}`} id={`timeline-${i}`}>
          <View className='fq-timeline__head'>
            <Text className='fq-timeline__label'>
              {l.label}
              {l.internal ? <Text className='fq-timeline__internal'>内部</Text> : null}
            </Text>
            <Text className='fq-timeline__time'>{formatDateTime(l.at)}</Text>
          </View>
          {l.by ? <Text className='fq-muted'>{l.by}</Text> : null}
          {l.note ? <Text className='fq-timeline__note'>{l.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}
