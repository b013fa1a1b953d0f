// Demo 回访 of today's cases (the year of history comes from ./history): 张桂兰's served 居住证 booking waits for
// her answer, her resolved theft report was answered 不满意 yesterday (still editable, the 所长's task open), and her
// transferred pesticide report was followed up by 王警官 on the phone.
import { caseNumber } from '@domain/reports'
import { editableUntil, surveyId, taskId } from '@domain/followups'
import { newSurvey } from '../../cloudfunctions/common/server/followups'
import type { SeedDoc, SeedModule } from './index'

const HOUR = 3600_000
const DAY = 24 * HOUR
const RESIDENT = 'dev-resident-1'

export const seed: SeedModule = ({ now }) => {
  const ago = (ms: number) => new Date(now.getTime() - ms)
  // The same ids ./reports gives its first and third reports (made 5 and 3 days ago, first of their day).
  const theft = caseNumber(ago(5 * DAY), 1)
  const pesticide = caseNumber(ago(3 * DAY), 1)

  const waiting = newSurvey({ kind: 'booking', recordId: 'bk-demo-5', stage: 'done', owner: RESIDENT, anonymous: false, villageId: 'pingchuan', title: '居住证' }, ago(10 * DAY - 2 * HOUR))

  const answeredAt = ago(1 * DAY)
  const unhappy = {
    ...newSurvey({ kind: 'report', recordId: theft, stage: 'closed', owner: RESIDENT, anonymous: false, villageId: 'pingchuan', title: '盗窃' }, ago(5 * DAY - 6 * HOUR)),
    answer: 'unsatisfied',
    words: '东西是找回来了，可是一直没人告诉我进展',
    via: 'app',
    answeredAt,
    answerKey: answeredAt.toISOString(),
    editableUntil: editableUntil(answeredAt),
    taskId: taskId(surveyId('report', theft, 'closed')),
    updatedAt: answeredAt,
  }
  const task = {
    _id: unhappy.taskId,
    surveyId: unhappy._id,
    kind: 'report',
    recordId: theft,
    stage: 'closed',
    villageId: 'pingchuan',
    title: '盗窃',
    anonymous: false,
    status: 'open',
    openedAt: answeredAt,
    openedKey: answeredAt.toISOString(),
    closedAt: null,
    closedBy: null,
    note: '',
    createdAt: answeredAt,
    updatedAt: answeredAt,
  }

  const phonedAt = ago(2 * DAY)
  const phoned = {
    ...newSurvey({ kind: 'report', recordId: pesticide, stage: 'closed', owner: RESIDENT, anonymous: false, villageId: 'pingchuan', title: '伪劣农药' }, ago(3 * DAY - 4 * HOUR)),
    answer: 'satisfied',
    words: '移交给农业部门了，民警打电话说得很清楚',
    via: 'phone',
    recordedBy: { openid: 'dev-officer', name: '王警官' },
    answeredAt: phonedAt,
    answerKey: phonedAt.toISOString(),
    editableUntil: editableUntil(phonedAt),
    updatedAt: phonedAt,
  }

  return { followups: [waiting, unhappy, phoned] as SeedDoc[], followup_tasks: [task] as SeedDoc[] }
}
