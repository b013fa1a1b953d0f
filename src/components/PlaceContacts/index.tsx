// Who to call about a place: the 社区民警, 网格员 and 治安户长 of its 社, the station and 110, each one tap away.
// Used by the doorplate page and 我的家 (subpackages only: it never reaches the main package).
import { Text, View } from '@tarojs/components'
import type { PlaceContacts as Contacts } from '@contract/households'
import { dial } from '@/components/CallBar'
import './index.scss'

function ContactRow({ id, role, person, danger }: { id: string; role: string; person: { name: string; phone: string } | null; danger?: boolean }) {
  if (!person || !person.phone) return null
  return (
    <View className='fq-contacts__row' id={id}>
      <View className='fq-contacts__text'>
        <Text className='fq-contacts__role'>{role}</Text>
        <Text className='fq-contacts__name'>{person.name}</Text>
      </View>
      <View className={`fq-contacts__call${danger ? ' fq-contacts__call--danger' : ''}`} id={`${id}-call`} hoverClass='fq-contacts__call--down' onClick={() => dial(person.phone)}>
        <Text>{danger ? '打110' : '打电话'}</Text>
      </View>
    </View>
  )
}

export default function PlaceContacts({ contacts, id = 'place-contacts' }: { contacts: Contacts; id?: string }) {
  const any = contacts.officer || contacts.gridWorker || contacts.securityHead
  return (
    <View className='fq-card' id={id}>
      <Text className='fq-title'>有事找谁</Text>
      <ContactRow id='contact-officer' role='社区民警' person={contacts.officer} />
      <ContactRow id='contact-grid' role='网格员' person={contacts.gridWorker} />
      <ContactRow id='contact-head' role='治安户长' person={contacts.securityHead} />
      {!any ? <Text className='fq-muted'>这个社还没登记联系人，请打派出所电话。</Text> : null}
      {contacts.stationPhone ? <ContactRow id='contact-station' role='派出所' person={{ name: '值班电话', phone: contacts.stationPhone }} /> : null}
      <ContactRow id='contact-110' role='紧急情况' person={{ name: '110', phone: '110' }} danger />
    </View>
  )
}
