// Opening an export: on weapp the file is downloaded and opened by WeChat (xlsx, with its menu to forward or save)
// or sent to a chat (CSV, which WeChat cannot open); on h5 the browser downloads it.
import Taro from '@tarojs/taro'
import type { ExportView } from '@contract/figures'

export async function openExport(e: ExportView): Promise<'opened' | 'downloaded' | 'shared'> {
  const file = await Taro.downloadFile({ url: e.url })
  if (file.statusCode !== 200) throw new Error('下载文件没有成功，请到信号好的地方再试')
  if (process.env.TARO_ENV === 'h5') {
    // Taro's h5 download hands back a blob address, so the browser saves it under the export's Chinese name.
    const a = document.createElement('a')
    a.href = file.tempFilePath
    a.download = e.fileName
    document.body.appendChild(a)
    a.click()
    a.remove()
    return 'downloaded'
  }
  if (e.format === 'xlsx') {
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true })
    return 'opened'
  }
  await Taro.shareFileMessage({ filePath: file.tempFilePath, fileName: e.fileName })
  return 'shared'
}
