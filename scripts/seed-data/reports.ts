// Demo reports of 平川派出所 in different states: a theft resolved fast, fake 草甘膦 from a travelling seller (anonymous,
// under investigation), a pesticide case transferred to 农业农村局, and an overdue theft; dates relative to `now`.
import { caseNumber, isPlausibleRegistrationNo, type ReportDoc, type TimelineEvent } from '@domain/reports'
import { pesticideClusterKey, pesticideClusterLabel, theftClusterKey } from '@domain/reports-clusters'
import { createdEvent } from '@domain/reports-lifecycle'
import type { SeedDoc, SeedModule } from './index'

const HOUR = 3600_000
const DAY = 24 * HOUR
const OFFICER = { kind: 'officer' as const, id: 'dev-officer', name: '王警官' }
const RESIDENT_1 = { id: 'dev-resident-1', name: '张桂兰', phone: '13900000001' }
const RESIDENT_2 = { id: 'dev-resident-2', name: '刘建国', phone: '13900000002' }

function officerEvent(at: Date, action: string, status: ReportDoc['status'], note: string, isPublic = true): TimelineEvent {
  return { at, actor: OFFICER, action, status, note, public: isPublic }
}

export const seed: SeedModule = ({ now }) => {
  const ago = (ms: number) => new Date(now.getTime() - ms)
  const reports: ReportDoc[] = []

  // 1. Two water buckets taken from a greenhouse in 平川村: accepted within the hour, resolved the same day.
  {
    const at = ago(5 * DAY)
    reports.push({
      _id: caseNumber(at, 1),
      type: 'theft',
      status: 'resolved',
      reporter: RESIDENT_1.id,
      anonymous: false,
      contact: { name: RESIDENT_1.name, phone: RESIDENT_1.phone },
      villageId: 'pingchuan',
      theft: {
        items: [{ name: '大塑料水桶', value: 60 }, { name: '大塑料水桶', value: 60 }],
        from: new Date(at.getTime() - 14 * HOUR),
        to: new Date(at.getTime() - 1 * HOUR),
        place: '平川村三社东头自家大棚',
        suspect: '早上看到一辆蓝色三轮车在大棚边停过',
      },
      photos: [],
      contentFlag: 'pass',
      clusterKey: theftClusterKey('pingchuan'),
      clusterLabel: '平川村',
      assignee: OFFICER.id,
      assigneeName: OFFICER.name,
      transferredTo: null,
      result: '水桶已找回，是邻居借用没打招呼，已当面归还。',
      timeline: [
        createdEvent({ id: RESIDENT_1.id }, at),
        officerEvent(new Date(at.getTime() + 40 * 60_000), 'accept', 'accepted', '王警官下午到大棚看看'),
        officerEvent(new Date(at.getTime() + 6 * HOUR), 'resolve', 'resolved', '水桶已找回，是邻居借用没打招呼，已当面归还。'),
      ],
      createdAt: at,
      updatedAt: new Date(at.getTime() + 6 * HOUR),
      acceptedAt: new Date(at.getTime() + 40 * 60_000),
      closedAt: new Date(at.getTime() + 6 * HOUR),
    })
  }

  // 2. Fake 草甘膦 from a travelling seller, reported anonymously; under investigation.
  {
    const at = ago(4 * DAY)
    const brand = '绿野'
    const shop = '流动商贩（开白色面包车）'
    reports.push({
      _id: caseNumber(at, 1),
      type: 'fake_pesticide',
      status: 'investigating',
      reporter: RESIDENT_2.id,
      anonymous: true,
      contact: null,
      villageId: 'luwan',
      pesticide: {
        product: '41%草甘膦异丙胺盐水剂',
        brand,
        registrationNo: 'PD2019',
        registrationNoPlausible: isPlausibleRegistrationNo('PD2019'),
        shop,
        address: '芦湾村村委会门口',
        boughtAt: ago(20 * DAY),
        amountPaid: 150,
        crop: '果园除草',
        areaMu: 6,
        damage: '打了三遍，十天过去草一点没死，瓶子上的登记证号查不到。',
      },
      photos: [],
      contentFlag: 'pass',
      clusterKey: pesticideClusterKey(brand, shop),
      clusterLabel: pesticideClusterLabel(brand, shop),
      assignee: OFFICER.id,
      assigneeName: OFFICER.name,
      transferredTo: null,
      result: null,
      timeline: [
        createdEvent({ id: RESIDENT_2.id }, at),
        officerEvent(new Date(at.getTime() + 3 * HOUR), 'assign', 'submitted', `指派给${OFFICER.name}`, false),
        officerEvent(new Date(at.getTime() + 3 * HOUR), 'accept', 'accepted', ''),
        officerEvent(new Date(at.getTime() + 1 * DAY), 'investigate', 'investigating', '正在查这辆面包车，请留意再来时打电话告诉我们'),
      ],
      createdAt: at,
      updatedAt: new Date(at.getTime() + 1 * DAY),
      acceptedAt: new Date(at.getTime() + 3 * HOUR),
      closedAt: null,
    })
  }

  // 3. Pesticide bought at a shop in 平川村 that damaged a maize field; handed to 农业农村局.
  {
    const at = ago(3 * DAY)
    const brand = '丰收宝'
    const shop = '平川为农农资店'
    reports.push({
      _id: caseNumber(at, 1),
      type: 'fake_pesticide',
      status: 'transferred',
      reporter: RESIDENT_1.id,
      anonymous: false,
      contact: { name: RESIDENT_1.name, phone: RESIDENT_1.phone },
      villageId: 'pingchuan',
      pesticide: {
        product: '烟嘧磺隆玉米田除草剂',
        brand,
        registrationNo: 'PD20121234',
        registrationNoPlausible: true,
        batchNo: '20250312',
        shop,
        boughtAt: ago(25 * DAY),
        amountPaid: 320,
        crop: '玉米',
        areaMu: 8,
        damage: '按说明书用量打的，一周后玉米叶子发黄卷曲，大概一半长不好了。',
      },
      photos: [],
      contentFlag: 'pass',
      clusterKey: pesticideClusterKey(brand, shop),
      clusterLabel: pesticideClusterLabel(brand, shop),
      assignee: OFFICER.id,
      assigneeName: OFFICER.name,
      transferredTo: '农业农村局',
      result: null,
      timeline: [
        createdEvent({ id: RESIDENT_1.id }, at),
        officerEvent(new Date(at.getTime() + 2 * HOUR), 'accept', 'accepted', ''),
        officerEvent(
          new Date(at.getTime() + 1 * DAY),
          'transfer',
          'transferred',
          '移交给农业农村局：药品质量要由农业执法大队抽检，他们会联系您取样，电话0936-5512345',
        ),
      ],
      createdAt: at,
      updatedAt: new Date(at.getTime() + 1 * DAY),
      acceptedAt: new Date(at.getTime() + 2 * HOUR),
      closedAt: new Date(at.getTime() + 1 * DAY),
    })
  }

  // 4. A battery taken from an e-bike in 平川村, not yet accepted after two days: overdue in the officers' queue.
  {
    const at = ago(2 * DAY)
    reports.push({
      _id: caseNumber(at, 1),
      type: 'theft',
      status: 'submitted',
      reporter: RESIDENT_2.id,
      anonymous: false,
      contact: { name: RESIDENT_2.name, phone: RESIDENT_2.phone },
      villageId: 'pingchuan',
      theft: {
        items: [{ name: '电动车电瓶', value: 450 }],
        from: new Date(at.getTime() - 10 * HOUR),
        to: new Date(at.getTime() - 2 * HOUR),
        place: '平川村文化广场旁边停车处',
      },
      photos: [],
      contentFlag: 'pass',
      clusterKey: theftClusterKey('pingchuan'),
      clusterLabel: '平川村',
      assignee: null,
      assigneeName: null,
      transferredTo: null,
      result: null,
      timeline: [createdEvent({ id: RESIDENT_2.id }, at)],
      createdAt: at,
      updatedAt: at,
      acceptedAt: null,
      closedAt: null,
    })
  }

  const docs: SeedDoc[] = reports.map((r) => ({ ...r }))
  return { reports: docs }
}
