// Export tables: CSV that Excel opens (BOM, quoting, no formulas), 匿名 for anonymous reporters, masked phones.
import { ANONYMOUS, followUpRow, reportRow, stationTimeText, toCsv } from '@domain/figures-export'

const base = {
  _id: 'PC20260301-0001', typeLabel: '盗窃', statusLabel: '已办结', villageName: '平川村', title: '被盗：电瓶', assigneeName: '王警官', result: null,
  createdAt: new Date('2026-03-01T02:00:00Z'), acceptedAt: null, closedAt: null,
}

test('CSV: UTF-8 BOM, CRLF, quoted cells, formulas defused but signed numbers kept', () => {
  const csv = toCsv({ name: 'x', headers: ['名称', '说明'], rows: [['a,b', '他说"好"'], ['=1+1', '+100%'], ['-3', '@x']] })
  expect(csv.startsWith('\uFEFF名称,说明\r\n')).toBe(true)
  expect(csv).toContain('"a,b","他说""好"""\r\n')
  expect(csv).toContain("'=1+1,+100%\r\n")
  expect(csv).toContain("-3,'@x\r\n")
})

test('a report row: 匿名 and no phone when anonymous; masked unless full', () => {
  expect(reportRow({ ...base, anonymous: true, contact: { name: '张三', phone: '13900000001' } }, true).slice(4, 6)).toEqual([ANONYMOUS, ''])
  expect(reportRow({ ...base, anonymous: false, contact: { name: '张三', phone: '13900000001' } }, false).slice(4, 6)).toEqual(['张三', '139****0001'])
  expect(reportRow({ ...base, anonymous: false, contact: { name: '张三', phone: '13900000001' } }, true).slice(4, 6)).toEqual(['张三', '13900000001'])
  expect(reportRow({ ...base, anonymous: false, contact: null }, false)[7]).toBe('2026-03-01 10:00')
})

test('a 回访 row: 匿名 for an anonymous report, blank (not 匿名) when the person is unknown', () => {
  const f = { _id: 'f1', kindLabel: '举报', title: 't', villageName: '平川村', answerLabel: '满意', words: '', viaLabel: '', recordedByName: '', answeredAt: null }
  expect(followUpRow({ ...f, anonymous: true, person: { name: '张三', phone: '13900000001' } }, true).slice(4, 6)).toEqual([ANONYMOUS, ''])
  expect(followUpRow({ ...f, anonymous: false, person: null }, false).slice(4, 6)).toEqual(['', ''])
  expect(stationTimeText(null)).toBe('')
})
