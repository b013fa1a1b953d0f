// 二维码门牌: generate the codes for a 社 or a whole village (the job works in batches and resumes where it stopped),
// then the printable sheet: on H5 printed or saved as PDF by the browser, on weapp drawn into PNG pages to save or share.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, Image, Text, View } from '@tarojs/components'
import type { Village } from '@contract/account'
import type { GroupView, PlateJobView, SheetItem } from '@contract/households'
import { SHEET_PAGE_MAX } from '@contract/households'
import BigButton from '@/components/BigButton'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import Scope from '../shared/Scope'
import PrintSheet from './PrintSheet'
import { paginate, PAGE_H, PAGE_W } from './sheet'
import { exportSheetPngs } from './canvasSheet'
import '../shared/officer-hh.scss'
import './print.scss'
import { toast } from '@/services/toast'

/** A job call that keeps failing is left for the officer to resume: the job itself remembers where it was. */
const MAX_ROUNDS = 500
const NO_PROGRESS_WAIT_MS = 5000

export async function runPlateJob(start: () => Promise<PlateJobView>, onJob: (job: PlateJobView) => void): Promise<PlateJobView> {
  let job = await start()
  onJob(job)
  for (let round = 0; job.more && job.status === 'running' && round < MAX_ROUNDS; round++) {
    const jobId = job.id
    const before = job.done
    job = await call('households.continuePlates', { jobId })
    onJob(job)
    // No progress: another phone holds the job, or WeChat asked us to slow down; ask again in a while, not at once.
    if (job.more && job.done === before) await new Promise((r) => setTimeout(r, NO_PROGRESS_WAIT_MS))
  }
  return job
}

/** Every plate of the scope, page by page from the server. */
export async function loadSheet(villageId: string, group: string): Promise<SheetItem[]> {
  const items: SheetItem[] = []
  let cursor: string | undefined
  for (;;) {
    const page = await call('households.plateSheet', { villageId, ...(group ? { group } : {}), pageSize: SHEET_PAGE_MAX, ...(cursor ? { cursor } : {}) })
    items.push(...page.items)
    if (!page.nextCursor) return items
    cursor = page.nextCursor
  }
}

function JobLine({ job }: { job: PlateJobView }) {
  const text =
    job.status === 'done'
      ? `门牌码都生成好了：${job.done}块${job.failed ? `，${job.failed}块没成功` : ''}`
      : job.status === 'failed'
        ? `停下了：已生成${job.done}/${job.total}块。${job.lastError ? `原因：${job.lastError}。` : ''}点“接着生成”会从停下的地方继续。`
        : `正在生成：${job.done}/${job.total}块`
  return (
    <Text className={job.status === 'failed' ? 'fq-hh-error' : 'fq-hh-line'} id='plate-job'>
      {text}
    </Text>
  )
}

export interface PlatesViewProps {
  villages: readonly Village[]
  groups: readonly GroupView[]
  initialVillageId?: string
  initialGroup?: string
}

export default function PlatesView({ villages, groups, initialVillageId, initialGroup }: PlatesViewProps) {
  const [villageId, setVillageId] = useState(initialVillageId || villages[0]?.id || '')
  const [group, setGroup] = useState(initialGroup ?? '')
  const [job, setJob] = useState<PlateJobView>()
  const [sheet, setSheet] = useState<SheetItem[]>()
  const [pngs, setPngs] = useState<string[]>()
  const [drawn, setDrawn] = useState(0)
  const gen = useAction()
  const load = useAction()
  const draw = useAction()
  const weapp = process.env.TARO_ENV === 'weapp'
  const scopeName = `${villages.find((v) => v.id === villageId)?.name ?? ''}${group || '全村'}`

  const changeScope = (v: string, g: string) => {
    setVillageId(v)
    setGroup(g)
    setJob(undefined)
    setSheet(undefined)
    setPngs(undefined)
  }
  const generate = () =>
    void gen.run(() =>
      runPlateJob(() => (job && job.status !== 'done' ? call('households.continuePlates', { jobId: job.id }) : call('households.generatePlates', { villageId, ...(group ? { group } : {}) })), setJob),
    )
  const openSheet = async () => {
    setPngs(undefined)
    const items = await load.run(() => loadSheet(villageId, group))
    if (items) setSheet(items)
  }
  const makePngs = async () => {
    if (!sheet) return
    setDrawn(0)
    const paths = await draw.run(() => exportSheetPngs('#sheet-canvas', paginate(sheet), setDrawn))
    if (paths) setPngs(paths)
  }
  const save = async (path: string) => {
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: path })
      toast('存到相册了', { kind: 'success' })
    } catch {
      toast('没存上。请在设置里允许保存到相册')
    }
  }
  const share = (path: string) => void Promise.resolve(Taro.showShareImageMenu({ path })).catch(() => undefined)

  return (
    <View id='plates'>
      <View className='fq-card fq-noprint'>
        <Text className='fq-title'>选村和社</Text>
        <Scope villages={villages} villageId={villageId} group={group} groups={groups} onVillage={(v) => changeScope(v, '')} onGroup={(g) => changeScope(villageId, g)} />
        <Text className='fq-muted'>门牌码里只有门牌编号，地址改了不用重新印。</Text>
        {job ? <JobLine job={job} /> : null}
        {gen.error ? (
          <Text className='fq-hh-error' id='plate-job-error'>
            {`${gen.error} 点“接着生成”再试，已生成的不会重做。`}
          </Text>
        ) : null}
        <BigButton id='plates-generate' busy={gen.busy} onClick={generate}>
          {job && job.status !== 'done' ? '接着生成' : `生成${scopeName}的门牌码`}
        </BigButton>
        <BigButton kind='plain' id='plates-sheet' busy={load.busy} onClick={() => void openSheet()}>
          看打印用的门牌纸
        </BigButton>
        {load.error ? <Text className='fq-hh-error'>{load.error}</Text> : null}
      </View>

      {sheet ? (
        <View id='sheet'>
          <View className='fq-card fq-noprint'>
            <Text className='fq-title' id='sheet-summary'>{`${scopeName}：${sheet.length}块门牌，${paginate(sheet).length}页A4`}</Text>
            {sheet.length === 0 ? <Text className='fq-hh-line'>还没有门牌码，先点上面的“生成”。</Text> : null}
            {sheet.length > 0 && !weapp ? (
              <BigButton id='sheet-print' onClick={() => window.print()}>
                打印或存成PDF
              </BigButton>
            ) : null}
            {sheet.length > 0 && weapp ? (
              <BigButton id='sheet-draw' busy={draw.busy} onClick={() => void makePngs()}>
                {draw.busy ? `正在做第${drawn + 1}页` : '做成图片（每页一张）'}
              </BigButton>
            ) : null}
            {draw.error ? <Text className='fq-hh-error'>{`${draw.error} 请再点一次。`}</Text> : null}
            <Text className='fq-muted'>每页3列4行，每块门牌下面印着地址。沿虚线剪开。</Text>
          </View>
          {weapp ? (
            <>
              {/* Off screen: only the exported pages are shown. */}
              <Canvas type='2d' id='sheet-canvas' className='fq-sheet__canvas' style={{ width: `${PAGE_W}px`, height: `${PAGE_H}px` }} />
              {(pngs ?? []).map((p, i) => (
                <View className='fq-card' key={p} id={`sheet-png-${i}`}>
                  <Text className='fq-hh-line'>{`第${i + 1}页`}</Text>
                  <Image className='fq-sheet__png' src={p} mode='widthFix' onClick={() => void Taro.previewImage({ urls: pngs ?? [], current: p })} />
                  <View className='fq-hh-tools'>
                    <View className='fq-hh-tool' id={`sheet-save-${i}`} onClick={() => void save(p)}>
                      <Text>存到相册</Text>
                    </View>
                    <View className='fq-hh-tool' id={`sheet-share-${i}`} onClick={() => share(p)}>
                      <Text>发给打印店</Text>
                    </View>
                  </View>
                </View>
              ))}
            </>
          ) : (
            <PrintSheet items={sheet} />
          )}
        </View>
      ) : null}
    </View>
  )
}
