// The theft form in four short steps — what was taken, where and when, photos, confirm.
import { Text, View } from '@tarojs/components'
import type { Profile, Village } from '@contract/account'
import BigButton from '@/components/BigButton'
import { PHOTOS_MAX, type TheftValues } from '@/packages/report-form/shared/draft'
import { stationDay } from '@domain/station-time'
import { chineseDate, DatePick, LongText, TextInput, TimePick, Tip, VillagePick } from '@/components/ReportForm/inputs'
import PhotoPicker, { type PhotoExample } from '@/components/PhotoPicker'
import ReportWizard, { type SummaryRow } from '@/packages/report-form/shared/ReportWizard'
import { useReportForm, type ReportPrefill } from '@/packages/report-form/shared/useReportDraft'

export const THEFT_PHOTO_EXAMPLES: readonly PhotoExample[] = [
  { what: '东西原来放的地方', why: '站远一点，把周围都拍进去' },
  { what: '撬坏的锁、门窗、围栏', why: '靠近拍清楚，先别修' },
  { what: '地上的脚印、车轮印', why: '旁边放个东西比大小，别踩' },
  { what: '丢的东西以前的照片或发票', why: '有就拍，没有不用拍' },
]

const MAX_ITEMS = 20

function itemsText(items: TheftValues['items']): string {
  return items
    .filter((i) => i.name.trim())
    .map((i) => (i.value.trim() ? `${i.name}（${i.value}元）` : i.name))
    .join('、')
}

function whenText(date: string, time: string): string {
  return date ? `${chineseDate(date)} ${time}`.trim() : ''
}

export function TheftForm({ profile, villages, now, prefill }: { profile: Profile; villages: readonly Village[]; now?: () => Date; prefill?: ReportPrefill<'theft'> }) {
  const form = useReportForm('theft', { defaultVillageId: profile.villageId, now, prefill })
  const v = form.draft.values
  const e = form.errors
  const today = stationDay((now ?? (() => new Date()))())

  const setItem = (i: number, patch: Partial<TheftValues['items'][number]>) =>
    form.set(
      'items',
      v.items.map((it, j) => (j === i ? { ...it, ...patch } : it)),
    )

  const renderStep = (step: number) => {
    if (step === 0)
      return (
        <View id='theft-step-items'>
          <Tip>丢了几样就填几样。值多少钱估个大概，不知道可以不填。</Tip>
          {v.items.map((item, i) => (
            <View className='fq-item' key={i} id={`theft-item-${i}`}>
              <View className='fq-item__head'>
                <Text>{`第${i + 1}样`}</Text>
                {v.items.length > 1 ? (
                  <Text className='fq-link' id={`theft-item-${i}-remove`} onClick={() => form.set('items', v.items.filter((_, j) => j !== i))}>
                    删掉这样
                  </Text>
                ) : null}
              </View>
              <TextInput
                id={`item-${i}-name`}
                label='丢了什么'
                placeholder='例如：水桶、电动车电瓶'
                maxlength={30}
                value={item.name}
                error={e[`items.${i}.name`]}
                onChange={(name) => setItem(i, { name })}
              />
              <TextInput
                id={`item-${i}-value`}
                label='大概值多少钱（元）'
                placeholder='可以不填'
                maxlength={8}
                numeric
                value={item.value}
                error={e[`items.${i}.value`]}
                onChange={(value) => setItem(i, { value })}
              />
            </View>
          ))}
          {e.items ? <Text className='fq-report-form__error'>{e.items}</Text> : null}
          {v.items.length < MAX_ITEMS ? (
            <BigButton kind='plain' id='theft-add-item' onClick={() => form.set('items', [...v.items, { name: '', value: '' }])}>
              还丢了别的，再加一样
            </BigButton>
          ) : null}
        </View>
      )
    if (step === 1)
      return (
        <View id='theft-step-where'>
          <Tip>记不太准没关系，填个大概。</Tip>
          <View className='fq-two'>
            <View className='fq-two__cell'>
              <DatePick id='from-date' label='最后一次看到还在' value={v.fromDate} end={today} error={e.from} onChange={(d) => form.set('fromDate', d)} />
            </View>
            <View className='fq-two__cell'>
              <TimePick id='from-time' label='大概几点' value={v.fromTime} onChange={(t) => form.set('fromTime', t)} />
            </View>
          </View>
          <View className='fq-two'>
            <View className='fq-two__cell'>
              <DatePick id='to-date' label='发现不见了' value={v.toDate} end={today} error={e.to} onChange={(d) => form.set('toDate', d)} />
            </View>
            <View className='fq-two__cell'>
              <TimePick id='to-time' label='大概几点' value={v.toTime} onChange={(t) => form.set('toTime', t)} />
            </View>
          </View>
          <VillagePick id='village' label='在哪个村' value={v.villageId} villages={villages} error={e.villageId} onChange={(id) => form.set('villageId', id)} />
          <TextInput
            id='place'
            label='具体在哪'
            placeholder='例如：三社东头自家大棚'
            maxlength={100}
            value={v.place}
            error={e.place}
            onChange={(place) => form.set('place', place)}
          />
          <LongText
            id='suspect'
            label='看到可疑的人或车吗（可不填）'
            placeholder='例如：一辆蓝色三轮车，车上两个人'
            maxlength={300}
            value={v.suspect}
            error={e.suspect}
            onChange={(suspect) => form.set('suspect', suspect)}
          />
          <LongText
            id='description'
            label='还有别的要说吗（可不填）'
            maxlength={500}
            value={v.description}
            error={e.description}
            onChange={(description) => form.set('description', description)}
          />
        </View>
      )
    return (
      <View id='theft-step-photos'>
        <Tip>有照片，民警查得更快。没有照片也能提交。</Tip>
        <PhotoPicker uploads={form.uploads} max={PHOTOS_MAX} examples={THEFT_PHOTO_EXAMPLES} error={e.photos} />
      </View>
    )
  }

  const villageName = villages.find((x) => x.id === v.villageId)?.name ?? ''
  const summary: SummaryRow[] = [
    { label: '丢了什么', value: itemsText(v.items), step: 0 },
    { label: '最后看到', value: whenText(v.fromDate, v.fromTime), step: 1 },
    { label: '发现不见', value: whenText(v.toDate, v.toTime), step: 1 },
    { label: '地点', value: `${villageName} ${v.place}`.trim(), step: 1 },
    { label: '可疑情况', value: v.suspect, step: 1 },
    { label: '照片', value: form.draft.photos.length ? `${form.draft.photos.length}张` : '没拍（可以不拍）', step: 2 },
  ]

  return <ReportWizard form={form} profile={profile} renderStep={renderStep} summary={summary} />
}
