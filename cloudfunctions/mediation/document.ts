// The 调解协议书 as a Word document (.docx), rendered with the `docx` library (declared in this function's
// package.json, so it stays out of the bundle and CloudBase installs it). The station's format: title and number,
// the parties and everyone present (a guardian for a party under 16), what happened (time, place, cause, course,
// result), the agreed terms with how and by when, the legal effect, the signatures of both parties and the host —
// a signature drawn in the app is embedded as an image — with the confirmation times, and the station and date.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { stationDay, stationTime } from '@domain/station-time'
import type { Track } from '@domain/mediation'
import type { AgreementDoc, CaseDoc, PartyDoc, Side } from './store'

/** A drawn signature's bytes, by side, when the party signed on the canvas. */
export type SignatureImages = Partial<Record<Side, { data: Buffer; type: 'png' | 'jpg'; width: number; height: number }>>

const FONT = 'SimSun'
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

function dateText(at: Date): string {
  const [y, m, d] = stationDay(at).split('-').map(Number)
  return `${y}年${m}月${d}日`
}

function dayText(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

function timeText(at: Date): string {
  return `${dateText(at)} ${stationTime(at)}`
}

function line(text: string, opts: { bold?: boolean; indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align,
    spacing: { after: 120, line: 360 },
    indent: opts.indent ? { firstLine: 480 } : undefined,
    children: [new TextRun({ text, bold: opts.bold, font: FONT, size: opts.size ?? 24 })],
  })
}

function heading(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text, bold: true, font: FONT, size: 26 })] })
}

/** The PNG's own size from its IHDR chunk, so a drawn signature keeps its shape; null for anything else. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a'
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature || bytes.subarray(12, 16).toString('ascii') !== 'IHDR') return null
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** A drawn signature as the document embeds it: PNG (what the canvas exports) or JPEG; anything else is left out. */
export function signatureImage(bytes: Buffer | null): SignatureImages[Side] | undefined {
  if (!bytes || bytes.length === 0) return undefined
  const png = pngSize(bytes)
  if (png) return { data: bytes, type: 'png', ...png }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return { data: bytes, type: 'jpg', width: 500, height: 200 }
  return undefined
}

function partyLine(role: string, p: PartyDoc, villageName: string): string {
  const age = p.age !== null ? `，${p.age}岁` : p.ageBand ? `，${AGE_BAND_TEXT[p.ageBand]}` : ''
  return `${role}：${p.name}${age}，住${villageName}${p.group}`
}

const AGE_BAND_TEXT: Record<NonNullable<PartyDoc['ageBand']>, string> = { under16: '不满16岁', '16to17': '16至17岁', adult: '成年', senior: '60岁以上' }

function isMinor(p: PartyDoc): boolean {
  return (p.age !== null && p.age < 16) || p.ageBand === 'under16'
}

function partyLabel(term: { party: Side | 'both' }, doc: CaseDoc): string {
  return term.party === 'both' ? `${doc.applicant.name}、${doc.respondent.name}双方` : doc[term.party].name
}

function confirmationText(a: AgreementDoc, side: Side, drawn: boolean): string {
  const c = a.confirmations[side]
  if (!c) return '（待确认）'
  if (c.via === 'paper') return `纸质协议书签字，${timeText(c.at)}登记`
  return `${drawn ? '手写签名，' : ''}${timeText(c.at)}在小程序确认`
}

function signatureCell(title: string, name: string, status: string, image: SignatureImages[Side] | undefined): TableCell {
  const children: Paragraph[] = [line(title, { bold: true }), line(name)]
  if (image) {
    // About 4.5 cm wide, keeping the drawing's proportions.
    const width = 170
    const height = Math.max(30, Math.min(120, Math.round((width * image.height) / Math.max(1, image.width))))
    children.push(new Paragraph({ children: [new ImageRun({ type: image.type, data: image.data, transformation: { width, height } })] }))
  }
  children.push(line(status, { size: 20 }))
  return new TableCell({ width: { size: 33, type: WidthType.PERCENTAGE }, children })
}

export interface DocumentInput {
  doc: CaseDoc
  agreement: AgreementDoc
  stationName: string
  villageNames: ReadonlyMap<string, string>
  signatures: SignatureImages
}

export function documentTitle(track: Track | null): string {
  return track === 'people' ? '人民调解协议书' : '治安调解协议书'
}

/** The file's name, also the last part of its storage path (so a download is named the same). */
export function documentFileName(track: Track | null, documentNo: string): string {
  return `${documentTitle(track)}-${documentNo}.docx`
}

/** The paragraphs of the document, in order (also what the tests read back from word/document.xml). */
function body({ doc, agreement: a, stationName, villageNames, signatures }: DocumentInput): (Paragraph | Table)[] {
  const village = (p: PartyDoc) => villageNames.get(p.villageId) ?? ''
  const guardians = a.attendees.filter((x) => x.includes('监护人')).map((x) => x.replace(/[（(]监护人[）)]/g, '').replace(/监护人[:：]?/g, '').trim() || x)
  const team = new Set(doc.team.map((m) => m.name))
  const others = a.attendees.filter((x) => !x.includes('监护人') && !team.has(x.replace(/[（(].*$/, '')))
  const minors = [doc.applicant, doc.respondent].filter(isMinor)
  const effect =
    doc.track === 'people'
      ? '经调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。'
      : '本协议经双方当事人确认后生效，当事人应当自觉履行。经治安调解达成协议并履行的，公安机关不再处罚；不履行协议的，公安机关依法对违反治安管理行为人予以处罚，民事争议可以依法向人民法院提起民事诉讼。'
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: documentTitle(doc.track), bold: true, font: FONT, size: 36 })] }),
    line(`编号：${a.documentNo}　　案件编号：${doc._id}`, { align: AlignmentType.RIGHT, size: 21 }),
    heading('一、当事人及其他在场人员'),
    line(partyLine('申请人', doc.applicant, village(doc.applicant)), { indent: true }),
    line(partyLine('对方当事人', doc.respondent, village(doc.respondent)), { indent: true }),
  ]
  for (const m of minors) out.push(line(`${m.name}不满16周岁，调解时由其监护人${guardians.length ? `（${guardians.join('、')}）` : ''}到场。`, { indent: true }))
  if (guardians.length && minors.length === 0) out.push(line(`监护人：${guardians.join('、')}`, { indent: true }))
  out.push(line(`调解主持人：${a.host}`, { indent: true }))
  if (doc.team.length) out.push(line(`调解员：${doc.team.map((m) => m.name).join('、')}`, { indent: true }))
  if (others.length) out.push(line(`其他在场人员：${others.join('、')}`, { indent: true }))

  out.push(
    heading('二、纠纷事实'),
    line(`时间：${a.facts.time}`, { indent: true }),
    line(`地点：${a.facts.place}`, { indent: true }),
    line(`起因：${a.facts.cause}`, { indent: true }),
    line(`经过：${a.facts.course}`, { indent: true }),
    line(`后果：${a.facts.result}`, { indent: true }),
    heading('三、经调解，双方自愿达成如下协议'),
  )
  a.terms.forEach((t, i) => {
    out.push(line(`（${NUMERALS[i] ?? String(i + 1)}）${partyLabel(t, doc)}${t.what}，于${dayText(t.dueDay)}前履行完毕；履行方式：${t.how || '当面履行，并告知调解员'}。`, { indent: true }))
  })
  out.push(
    heading('四、履行方式和效力'),
    line('各项约定由当事人按上列方式和期限履行。履行完毕的，当事人可在“枫桥警民通”小程序里标记，或告知调解员；派出所在协议生效后第7、30、90天回访履行情况。', { indent: true }),
    line(effect, { indent: true }),
    line('本协议一式三份，双方当事人各执一份，调解机关留存一份。', { indent: true }),
    heading('五、签名'),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
        bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
        left: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
        right: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
        insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
        insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
      },
      rows: [
        new TableRow({
          children: [
            signatureCell('申请人', doc.applicant.name, confirmationText(a, 'applicant', Boolean(signatures.applicant)), signatures.applicant),
            signatureCell('对方当事人', doc.respondent.name, confirmationText(a, 'respondent', Boolean(signatures.respondent)), signatures.respondent),
            signatureCell('调解主持人', a.host, `${timeText(a.draftedAt)}拟定`, undefined),
          ],
        }),
      ],
    }),
    new Paragraph({ spacing: { before: 480 }, children: [] }),
    line(stationName, { align: AlignmentType.RIGHT }),
    line(a.confirmedAt ? dateText(a.confirmedAt) : `${dateText(a.draftedAt)}（待双方确认）`, { align: AlignmentType.RIGHT }),
  )
  return out
}

/** The .docx bytes. */
export async function agreementDocx(input: DocumentInput): Promise<Buffer> {
  const document = new Document({
    creator: input.stationName,
    title: `${documentTitle(input.doc.track)} ${input.agreement.documentNo}`,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } }, children: body(input) }],
  })
  return Packer.toBuffer(document)
}

/** Changes whenever what the document shows changes (a confirmation, the agreement redrafted), so it is rendered again. */
export function documentVersion(a: AgreementDoc): string {
  const c = (s: Side) => a.confirmations[s]?.at.getTime() ?? 0
  return `${a.documentNo}:${a.draftedAt.getTime()}:${c('applicant')}:${c('respondent')}`
}
