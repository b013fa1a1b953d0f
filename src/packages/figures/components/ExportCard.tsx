// Exports of what the page shows: the figures, or the lists behind them, as Excel or CSV; the 所长 may ask for the
// version with full phone numbers (recorded in the audit log).
import { useState } from 'react'
import { Switch, Text, View } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { EXPORT_LABELS, EXPORT_WHATS, type ExportFormat, type ExportView, type ExportWhat } from '@contract/figures'
import { openExport } from '../openExport'
import type { Scope } from './ScopeBar'

export default function ExportCard({ scope, isAdmin }: { scope: Scope; isAdmin: boolean }) {
  const [format, setFormat] = useState<ExportFormat>('xlsx')
  const [full, setFull] = useState(false)
  const [done, setDone] = useState<{ file: ExportView; how: string }>()
  const action = useAction()

  async function exportOne(what: ExportWhat) {
    setDone(undefined)
    const file = await action.run(() =>
      call('figures.export', { kind: scope.kind, ...(scope.kind === 'custom' ? { from: scope.from, to: scope.to } : {}), villageId: scope.villageId, officer: scope.officer, what, format, full: isAdmin && full }),
    )
    if (!file) return
    const how = await action.run(() => openExport(file))
    setDone({ file, how: how === 'opened' ? '已打开' : how === 'shared' ? '已发送' : '已下载' })
  }

  return (
    <View className='fq-card' id='figures-export'>
      <Text className='fq-fig-section'>导出表格</Text>
      <View className='fq-fig-seg' id='export-format'>
        {(['xlsx', 'csv'] as const).map((f) => (
          <View key={f} id={`export-format-${f}`} className={`fq-fig-seg__item${format === f ? ' fq-fig-seg__item--on' : ''}`} onClick={() => setFormat(f)}>
            {f === 'xlsx' ? 'Excel' : 'CSV'}
          </View>
        ))}
      </View>
      {isAdmin ? (
        <View className='fq-row' id='export-full'>
          <Text>显示完整电话号码（会留下记录）</Text>
          <Switch checked={full} onChange={(e) => setFull(Boolean(e.detail.value))} />
        </View>
      ) : (
        <Text className='fq-muted'>电话号码中间几位隐去；匿名举报显示“匿名”</Text>
      )}
      {EXPORT_WHATS.map((w) => (
        <BigButton key={w} kind='plain' id={`export-${w}`} busy={action.busy} onClick={() => void exportOne(w)}>
          {`导出${EXPORT_LABELS[w]}`}
        </BigButton>
      ))}
      {action.error ? (
        <Text className='fq-fig-error' id='export-error'>
          {`${action.error}。可以换个时间段再试，或稍后再导出。`}
        </Text>
      ) : null}
      {done ? (
        <View className='fq-fig-done' id='export-done'>
          <Text>{`${done.how}：${done.file.fileName}（${done.file.rows} 行）`}</Text>
          <Text className='fq-muted'>文件只有您自己能下载，一小时后失效</Text>
        </View>
      ) : null}
    </View>
  )
}
