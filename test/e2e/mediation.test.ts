// Mediation in a real browser on the H5 build: a villager applies in five steps and gets an invite code; the other
// side joins with it; both agree to mediation; an officer reviews and grades the case, takes the recommended team,
// schedules a session, records that it reached agreement and writes the 调解协议书; both parties confirm it and the
// case is being carried out. Screenshots go to SCREENSHOT_DIR when it is set.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import JSZip from 'jszip'
import QRCode from 'qrcode'
import type { OfficerCaseView } from '@contract/mediation'
import { browserWorldForFile } from '../support/browserWorld'
import { expectSamePicture } from '../support/samePicture'

const world = browserWorldForFile()

const APPLICANT = 'dev-resident-3' // 马秀英, 五里墩村
const OTHER = 'dev-resident-6' // 黄德福, 黄家堡村
const OFFICER = 'dev-officer'
const SHOTS = process.env.SCREENSHOT_DIR

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  fs.mkdirSync(SHOTS, { recursive: true })
  // At 375×812 (the smallest common phone); let the H5 page transition finish first.
  await page.setViewportSize({ width: 375, height: 812 })
  await page.waitForTimeout(700)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input, #${id} textarea`).first().fill(value)
}

async function text(page: Page, id: string): Promise<string> {
  return ((await page.locator(`#${id}`).textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

async function openCase(page: Page, id: string, hasText: string): Promise<void> {
  await page.goto(`${world.cloud.url}/#/packages/mediation/mine/index?id=${id}`)
  await page.reload()
  await page.locator('#party-case').filter({ hasText }).waitFor()
}

it('a villager applies, an officer grades and schedules, both parties confirm the agreement', async () => {
  // 1. The villager finds 有矛盾找我们 on 首页 and applies.
  const a = await world.browser.openAs(APPLICANT)
  await a.page.goto(`${world.cloud.url}/#/pages/home/index`)
  await a.page.locator('#home-mediation-apply').click()
  await a.page.locator('#apply-step-title').filter({ hasText: '第1步' }).waitFor()
  await shot(a.page, 'apply-step1')
  await a.page.locator('#apply-next').click()
  await expect(text(a.page, 'field-kind-error')).resolves.toContain('请选一类')
  await a.page.locator('#kind-farm_supply').click()
  await a.page.locator('#apply-next').click()
  await fill(a.page, 'input-otherName', '黄德福')
  await a.page.locator('#otherAgeBand-adult').click()
  await a.page.locator('#myAgeBand-adult').click()
  await shot(a.page, 'apply-step2')
  await a.page.locator('#apply-next').click()
  await fill(a.page, 'input-what', '去年赊给他家的化肥钱一直没给，一共2400元')
  await fill(a.page, 'input-place', '五里墩村农资店')
  // One photo of the credit note, through the page's own file chooser.
  const png = await QRCode.toBuffer('赊账单 2400元')
  const [chooser] = await Promise.all([a.page.waitForEvent('filechooser'), a.page.locator('#photo-add').click()])
  await chooser.setFiles({ name: 'note.png', mimeType: 'image/png', buffer: png })
  await a.page.locator('#photo-0-done').waitFor()
  await a.page.locator('#photo-count').filter({ hasText: '已选 1 张' }).waitFor()
  await shot(a.page, 'apply-step3')
  await a.page.locator('#apply-next').click()
  await fill(a.page, 'input-want', '年底前把钱还了')
  await a.page.locator('#apply-next').click()
  await a.page.locator('#apply-confirm').waitFor()
  await shot(a.page, 'apply-confirm')
  await a.page.locator('#apply-submit').click()
  await a.page.locator('#apply-success').waitFor()
  const code = await text(a.page, 'apply-invite-code')
  expect(code).toMatch(/^[A-Z0-9]{6}$/)
  await shot(a.page, 'apply-success')
  await a.page.locator('#apply-open').click()
  await a.page.locator('#party-case').waitFor()
  const id = (await text(a.page, 'party-case')).match(/TJ\d{8}-\d{4}/)?.[0] ?? ''
  expect(id).not.toBe('')

  // 2. The other side joins with the code and agrees; so does the applicant.
  const b = await world.browser.openAs(OTHER)
  await b.page.goto(`${world.cloud.url}/#/packages/mediation/mine/index`)
  await fill(b.page, 'input-code', code)
  await b.page.locator('#join-submit').click()
  await b.page.locator('#party-consent').waitFor()
  // The other side never sees the applicant's own words.
  expect(await text(b.page, 'party-case')).not.toContain('赊给他家的化肥钱')
  await b.page.locator('#consent-yes').click()
  await b.page.locator('#party-consent').waitFor({ state: 'detached' })
  await openCase(a.page, id, '已申请')
  await a.page.locator('#consent-yes').click()
  await a.page.locator('#party-consent').waitFor({ state: 'detached' })

  // 3. The officer reviews and grades it, takes the recommended team and schedules a session on site.
  const o = await world.browser.openAs(OFFICER)
  await o.page.goto(`${world.cloud.url}/#/packages/officer-mediation/index/index`)
  await o.page.locator('#queue-views').waitFor()
  await shot(o.page, 'officer-queue')
  await o.page.goto(`${world.cloud.url}/#/packages/officer-mediation/detail/index?id=${id}`)
  await o.page.locator('#review-form').waitFor()
  await fill(o.page, 'input-amount', '2400')
  await o.page.locator('#review-submit').click()
  await o.page.locator('#case-grade').waitFor()
  await expect(text(o.page, 'case-grade')).resolves.toContain('涉及金额2400元')
  await o.page.locator('#team-recommend').click()
  await o.page.locator('#case-team [id^="team-m-"]').first().waitFor()
  await o.page.locator('#place-site').click()
  await o.page.locator('#schedule-submit').click()
  await o.page.locator('#session-1').waitFor()
  await shot(o.page, 'officer-case-scheduled')

  // 4. The session reached agreement; the officer writes the agreement.
  await o.page.locator('#session-1-agreed').click()
  await o.page.locator('#agreement-editor').waitFor()
  await fill(o.page, 'input-fact-time', '去年春耕')
  await fill(o.page, 'input-fact-cause', '赊购化肥，约定秋后付款')
  await fill(o.page, 'input-fact-course', '秋后一直没付，两家见面就吵')
  await fill(o.page, 'input-fact-result', '欠款2400元未还')
  await fill(o.page, 'input-term-0-what', '还清化肥款2400元')
  await fill(o.page, 'input-term-0-how', '微信转账')
  await o.page.locator('#agreement-submit').click()
  await o.page.locator('#case-agreement').waitFor()
  await shot(o.page, 'officer-case-agreement')

  // 5. Both parties confirm; the case is now being carried out.
  // The applicant writes a signature with the mouse on the canvas; the other side confirms without one.
  await openCase(a.page, id, '协议待双方确认')
  await a.page.locator('#party-sign').click()
  const pad = a.page.locator('#signature-canvas')
  await pad.scrollIntoViewIfNeeded()
  const box = await pad.boundingBox()
  if (!box) throw new Error('the signature canvas is not on the page')
  await a.page.mouse.move(box.x + 30, box.y + box.height * 0.6)
  await a.page.mouse.down()
  for (const [dx, dy] of [[60, -30], [90, 20], [130, -25], [170, 15], [220, -10]]) await a.page.mouse.move(box.x + dx, box.y + box.height * 0.5 + dy, { steps: 4 })
  await a.page.mouse.up()
  await shot(a.page, 'party-signature')
  await a.page.locator('#party-confirm-signed').click()
  await a.page.locator('#party-confirmed').waitFor()
  await openCase(b.page, id, '协议待双方确认')
  await b.page.locator('#party-confirm').click()
  await b.page.locator('#party-case').filter({ hasText: '协议履行中' }).waitFor()
  await shot(b.page, 'party-performing')
  await b.page.locator('#party-open-document').click()
  await b.page.locator('#agreement-document').waitFor()
  await expect(text(b.page, 'agreement-document')).resolves.toContain('黄德福还清化肥款2400元')
  await expect(text(b.page, 'agreement-document')).resolves.toContain('履行方式：微信转账')
  await expect(text(b.page, 'sign-applicant')).resolves.toContain('手写签名')
  await shot(b.page, 'agreement-document')
  await b.page.locator('#agreement-file').scrollIntoViewIfNeeded()
  if (SHOTS) await b.page.screenshot({ path: path.join(SHOTS, 'agreement-download.png') })
  // The Word document downloads in the browser, with the signature drawn above embedded.
  const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.locator('#agreement-download').click()])
  expect(download.suggestedFilename()).toMatch(/^人民调解协议书-TJ\d{8}-\d{4}-1\.docx$|^治安调解协议书-TJ\d{8}-\d{4}-1\.docx$/)
  const docx = fs.readFileSync(await download.path())
  const zip = await JSZip.loadAsync(docx)
  expect(await zip.file('word/document.xml')?.async('string')).toContain('还清化肥款2400元')
  expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && !zip.files[f].dir)).toHaveLength(1)

  const stored = await world.cloud.ok<OfficerCaseView>(OFFICER, 'mediation', 'get', { id })
  expect(stored).toMatchObject({ status: 'performing', agreement: { confirmations: [{ via: 'app', signed: true }, { via: 'app', signed: false }] } })
  // The picture chosen in the browser is the case's photo, as the JPEG the app made of it.
  expect(stored.photos).toHaveLength(1)
  await expectSamePicture(o.page, { bytes: png, type: 'image/png' }, Buffer.from(await (await fetch(stored.photos[0].url)).arrayBuffer()))

  // The figures page shows the rate with its denominator.
  await o.page.goto(`${world.cloud.url}/#/packages/officer-mediation/figures/index`)
  await o.page.locator('#figures-denominator').waitFor()
  await expect(text(o.page, 'figures-denominator')).resolves.toContain('÷ 调解结案')
  await shot(o.page, 'officer-figures')

  // Officers' 首页 pins the seeded case at risk of turning criminal; the roster lists the 金银铜铁锡 mediators.
  await o.page.goto(`${world.cloud.url}/#/pages/home/index`)
  await o.page.locator('#mediation-risk-pin').filter({ hasText: '有激化风险' }).waitFor()
  await expect(text(o.page, 'mediation-risk-pin')).resolves.toContain('刘建国与孙富贵的土地宅基地')
  await shot(o.page, 'officer-home-risk')
  await o.page.goto(`${world.cloud.url}/#/packages/officer-mediation/roster/index`)
  await o.page.locator('#mediator-m-wu').waitFor()
  await expect(text(o.page, 'mediator-m-wu')).resolves.toContain('银舌善论')
  await shot(o.page, 'officer-roster')
  await Promise.all([a.context.close(), b.context.close(), o.context.close()])
}, 180_000)

it('an officer sees a paused 治安调解 clock and a refusal waiting to be transferred', async () => {
  const register = (name: string, other: string) =>
    world.cloud.ok<OfficerCaseView>(OFFICER, 'mediation', 'register', {
      source: 'walk_in', kind: 'damages', villageId: 'pingchuan', applicant: { name, phone: '13900007001', villageId: 'pingchuan' }, other: { name: other, villageId: 'pingchuan' },
      what: '两家孩子打架，一个被打伤了眼睛', place: '平川村小学门口',
    })
  const hurt = await register('赵春梅', '钱大壮')
  await world.cloud.ok(OFFICER, 'mediation', 'review', { id: hurt.id, facts: { violation: true, injury: 'assessment', amount: 0, people: 2 } })
  const o = await world.browser.openAs(OFFICER)
  await o.page.goto(`${world.cloud.url}/#/packages/officer-mediation/detail/index?id=${hurt.id}`)
  await o.page.locator('#case-limit').filter({ hasText: '期限暂停' }).waitFor()
  await o.page.locator('#assessment-form').waitFor()
  expect(await o.page.locator('#schedule-form').count()).toBe(0)
  await shot(o.page, 'officer-case-assessment')
  await o.page.locator('#assessment-done-submit').click()
  await o.page.locator('#assessment-done').waitFor()
  await o.page.locator('#case-limit').waitFor({ state: 'detached' })

  const refused = await register('孙玉兰', '周老四')
  await world.cloud.ok(OFFICER, 'mediation', 'consent', { id: refused.id, side: 'respondent', agree: false, reason: '不想来派出所' })
  await o.page.goto(`${world.cloud.url}/#/packages/officer-mediation/detail/index?id=${refused.id}`)
  await o.page.reload()
  await o.page.locator('#case-refused').filter({ hasText: '周老四不愿调解' }).waitFor()
  await o.page.locator('#case-route').waitFor()
  await shot(o.page, 'officer-case-refused')
  await o.page.locator('#case-route-go').click()
  await fill(o.page, 'input-case-route-go-note', '周老四愿意让村调委会调解')
  await o.page.locator('#case-route-go-submit').click()
  await o.page.locator('#officer-case').filter({ hasText: '已转交' }).waitFor()
  const routed = await world.cloud.ok<OfficerCaseView>(OFFICER, 'mediation', 'get', { id: refused.id })
  expect(routed.route).toMatchObject({ target: 'village_committee', reason: '周老四愿意让村调委会调解' })
  await o.context.close()
}, 120_000)
