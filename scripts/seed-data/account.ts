// Demo jurisdiction: 平川派出所, the villages of 平川镇, staff and residents. Phone numbers are demo numbers.
import type { SeedDoc, SeedModule } from './index'

export const VILLAGES = [
  { id: 'pingchuan', name: '平川村' },
  { id: 'luwan', name: '芦湾村' },
  { id: 'wulidun', name: '五里墩村' },
  { id: 'sanyi', name: '三一村' },
  { id: 'siba', name: '四坝村' },
  { id: 'huangjiapu', name: '黄家堡村' },
  { id: 'yigongcheng', name: '一工程村' },
  { id: 'beitan', name: '北滩村' },
] as const

export type VillageId = (typeof VILLAGES)[number]['id']

interface SeedUser {
  id: string
  role: 'resident' | 'officer' | 'admin'
  name: string
  phone: string
  villageId: VillageId | ''
  address: string
  /** The confirmed household (households seed) and its 社, as linkHousehold writes them. */
  household?: { addressId: string; group: string }
}

/** Identities tests and the dev sign-in page rely on come first; keep their ids stable. */
export const SEED_USERS: readonly SeedUser[] = [
  { id: 'dev-admin', role: 'admin', name: '李所长', phone: '13800000001', villageId: '', address: '' },
  { id: 'dev-officer', role: 'officer', name: '王警官', phone: '13800000002', villageId: '', address: '' },
  { id: 'dev-officer-2', role: 'officer', name: '赵警官', phone: '13800000003', villageId: '', address: '' },
  { id: 'dev-resident-1', role: 'resident', name: '张桂兰', phone: '13900000001', villageId: 'pingchuan', address: '平川村三社12号', household: { addressId: 'ad-pingchuan-三社-12', group: 'pingchuan|三社' } },
  { id: 'dev-resident-2', role: 'resident', name: '刘建国', phone: '13900000002', villageId: 'luwan', address: '芦湾村五社8号' },
  { id: 'dev-resident-3', role: 'resident', name: '马秀英', phone: '13900000003', villageId: 'wulidun', address: '五里墩村二社21号' },
  { id: 'dev-resident-4', role: 'resident', name: '陈志强', phone: '13900000004', villageId: 'sanyi', address: '三一村一社5号' },
  { id: 'dev-resident-5', role: 'resident', name: '杨玉梅', phone: '13900000005', villageId: 'siba', address: '四坝村四社17号' },
  { id: 'dev-resident-6', role: 'resident', name: '黄德福', phone: '13900000006', villageId: 'huangjiapu', address: '黄家堡村六社3号' },
  { id: 'dev-resident-7', role: 'resident', name: '周红霞', phone: '13900000007', villageId: 'yigongcheng', address: '一工程村二社9号' },
  { id: 'dev-resident-8', role: 'resident', name: '孙长林', phone: '13900000008', villageId: 'beitan', address: '北滩村一社14号' },
  { id: 'dev-resident-9', role: 'resident', name: '王淑珍', phone: '13900000009', villageId: 'pingchuan', address: '平川村一社2号', household: { addressId: 'ad-pingchuan-一社-2', group: 'pingchuan|一社' } },
]

export const seed: SeedModule = ({ now }) => {
  const station: SeedDoc = {
    _id: 'main',
    name: '临泽县公安局平川派出所',
    address: '甘肃省张掖市临泽县平川镇平川村',
    phone: '0936-5512110',
    hours: [
      '周一至周五 上午 8:30-12:00，下午 14:30-18:00',
      '错时服务：午间 12:00-14:30 有民警值班，可办理急事',
      '延时服务：工作日晚上 18:00-20:00 可提前预约办理',
      '节假日及夜间有急事请拨打 110',
    ],
    // Approximate: 平川镇, 临泽县 (demo data).
    location: { latitude: 39.2476, longitude: 100.0563 },
    villages: VILLAGES.map((v) => ({ id: v.id, name: v.name })),
  }
  const users: SeedDoc[] = SEED_USERS.map((u) => ({
    _id: u.id,
    role: u.role,
    name: u.name,
    phone: u.phone,
    villageId: u.villageId,
    address: u.address,
    ...(u.household ? { household: u.household.addressId, householdGroup: u.household.group } : {}),
    createdAt: now,
    updatedAt: now,
  }))
  return { station: [station], users }
}
