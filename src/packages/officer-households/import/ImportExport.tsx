// 导入导出: a station's existing spreadsheet comes in — pick the file, see every wrong row before anything is written,
// then confirm (all or nothing) — and the same sheet goes out, phones and ID numbers masked.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Village } from '@contract/account'
import type { GroupView, ImportPreview, ImportResult } from '@contract/households'
import { REQUIRED_COLUMNS, SHEET_COLUMNS } from '@domain/households'
import BigButton from '@/components/BigButton'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { CallError } from '@/services/errors'
import { newPhotoKey, newUploadFolder } from '@/services/photos'
import { newRequestId } from '@/services/requestId'
import { uploadFile } from '@/services/upload'
import Scope from '../shared/Scope'
import '../shared/officer-hh.scss'

export interface PickedFile {
  path: string
  name: string
}

const SHEET_EXT = /\.(xlsx|csv)$/i

/** A spreadsheet from the phone (a WeChat chat's file on weapp, the computer's on H5); undefined when cancelled. */
export async function pickSheetFile(): Promise<PickedFile | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = '.xlsx,.csv'
      input.onchange = () => {
        const file = input.files?.[0]
        resolve(file ? { path: URL.createObjectURL(file), name: file.name } : undefined)
      }
      input.click()
    })
  }
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
    const f = res.tempFiles[0]
    return f ? { path: f.path, name: f.name } : undefined
  } catch {
    return undefined
  }
}

/** The file into a fresh upload folder of the caller's: the server reads only files it handed a folder for. */
export async function uploadSheet(file: PickedFile): Promise<string> {
  const ext = SHEET_EXT.exec(file.name)?.[1]?.toLowerCase()
  if (!ext) throw new CallError({ code: 'invalid_argument', message: '只能导入 .xlsx 或 .csv 表格。请在电脑上另存为这两种格式再选。' })
  const folder = await newUploadFolder()
  const { fileID } = await uploadFile({ filePath: file.path, cloudPath: `${folder.prefix}${newPhotoKey()}.${ext}` })
  return fileID
}

function Preview({ preview }: { preview: ImportPreview }) {
  return (
    <View className='fq-card' id='import-preview'>
      <Text className='fq-title' id='import-summary'>{`共${preview.rows}行：${preview.addresses}个地址、${preview.people}个人`}</Text>
      {preview.ok ? (
        <Text className='fq-hh-line' id='import-ok'>
          每一行都没问题，可以导入。
        </Text>
      ) : (
        <Text className='fq-hh-error' id='import-has-errors'>{`有${preview.errors.length}处要改，改好以前一行也不会导入：`}</Text>
      )}
      {preview.errors.slice(0, 50).map((e, i) => (
        <View className='fq-hh-row' key={i} id={`import-error-${i}`}>
          <Text>{`第${e.row}行「${e.column}」：${e.message}`}</Text>
        </View>
      ))}
      {preview.errors.length > 50 ? <Text className='fq-muted'>{`还有${preview.errors.length - 50}处，先改上面这些。`}</Text> : null}
      {preview.sample.length > 0 ? <Text className='fq-hh-line'>前几行会这样记：</Text> : null}
      {preview.sample.map((s, i) => (
        <View className='fq-hh-row' key={i}>
          <View className='fq-hh-row__text'>
            <Text className='fq-hh-row__name'>{s.line}</Text>
            <Text className='fq-muted'>{`${s.use}・房主 ${s.owner || '未写'}・${s.people.join('、') || '没写住的人'}`}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}

export default function ImportExport({ villages, groups }: { villages: readonly Village[]; groups: readonly GroupView[] }) {
  const [file, setFile] = useState<{ name: string; fileId: string }>()
  const [preview, setPreview] = useState<ImportPreview>()
  const [result, setResult] = useState<ImportResult>()
  const [commitId, setCommitId] = useState(newRequestId)
  const [villageId, setVillageId] = useState(villages[0]?.id ?? '')
  const [group, setGroup] = useState('')
  const reading = useAction()
  const writing = useAction()
  const exporting = useAction()

  const choose = async () => {
    const picked = await pickSheetFile()
    if (!picked) return
    setPreview(undefined)
    setResult(undefined)
    setCommitId(newRequestId())
    await reading.run(async () => {
      const fileId = await uploadSheet(picked)
      setFile({ name: picked.name, fileId })
      setPreview(await call('households.importPreview', { fileId }))
    })
  }
  const commit = async () => {
    if (!file) return
    const done = await writing.run(() => call('households.importCommit', { fileId: file.fileId }, { requestId: commitId }))
    if (done) setResult(done)
  }
  const exportSheet = async () => {
    const out = await exporting.run(() => call('households.export', { villageId, ...(group ? { group } : {}) }))
    if (!out) return
    if (process.env.TARO_ENV === 'h5') {
      window.open(out.url, '_blank')
      return
    }
    try {
      const { tempFilePath } = await Taro.downloadFile({ url: out.url })
      await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    } catch {
      exporting.fail('表格没打开。请检查网络再点一次。')
    }
  }

  return (
    <View id='import-export'>
      <View className='fq-card'>
        <Text className='fq-title'>导入表格</Text>
        <Text className='fq-hh-line'>{`表头用这些中文：${SHEET_COLUMNS.join('、')}。必须有：${REQUIRED_COLUMNS.join('、')}。`}</Text>
        <Text className='fq-muted'>一户几个人就写几行，地址相同的算一户。先检查，没问题再导入。</Text>
        {file ? <Text className='fq-hh-line' id='import-file'>{`已选：${file.name}`}</Text> : null}
        {reading.error ? (
          <Text className='fq-hh-error' id='import-read-error'>
            {reading.error}
          </Text>
        ) : null}
        <BigButton id='import-pick' kind={preview?.ok ? 'plain' : 'primary'} busy={reading.busy} onClick={() => void choose()}>
          {file ? '换一个表格' : '选表格文件'}
        </BigButton>
      </View>

      {preview ? <Preview preview={preview} /> : null}

      {preview?.ok && !result ? (
        <View className='fq-card' id='import-confirm'>
          {writing.error ? <Text className='fq-hh-error'>{writing.error}</Text> : null}
          <BigButton id='import-commit' busy={writing.busy} onClick={() => void commit()}>
            {`确认导入${preview.addresses}个地址`}
          </BigButton>
        </View>
      ) : null}
      {result ? (
        <View className='fq-card' id='import-done'>
          <Text className='fq-title'>导入好了</Text>
          <Text className='fq-hh-line'>{`新建${result.addresses - result.updated}个地址，更新${result.updated}个，共${result.people}人。`}</Text>
          <BigButton kind='plain' id='import-open-book' onClick={() => void Taro.redirectTo({ url: '/packages/officer-households/book/index' })}>
            去地址簿看看
          </BigButton>
        </View>
      ) : null}

      <View className='fq-card' id='export'>
        <Text className='fq-title'>导出表格</Text>
        <Scope villages={villages} villageId={villageId} group={group} groups={groups} onVillage={(v) => (setVillageId(v), setGroup(''))} onGroup={setGroup} />
        <Text className='fq-muted'>导出的电话和身份证号都遮住一部分。</Text>
        {exporting.error ? (
          <Text className='fq-hh-error' id='export-error'>
            {exporting.error}
          </Text>
        ) : null}
        <BigButton id='export-go' busy={exporting.busy} onClick={() => void exportSheet()}>
          导出Excel
        </BigButton>
      </View>
    </View>
  )
}
