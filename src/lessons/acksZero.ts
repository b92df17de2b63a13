/** Lesson: acks=0, 1 and all, starting from acks=0: a send() that "succeeded" is lost and nobody is told. */
import type { Lesson } from './types.ts';

export const acksZero: Lesson = {
  id: 'acks-0-1-all',
  group: 'producer',
  title: { en: 'acks=0, 1, all: what "acknowledged" means', zh: 'acks=0、1、all：“已确认”到底意味着什么' },
  summary: {
    en: 'With acks=0 a record counts as sent once it leaves the socket. The leader crashes: records lost on the way were all "successful", and no callback reports an error.',
    zh: 'acks=0 时，记录一离开套接字就算发送成功。leader 崩溃：路上丢掉的记录全都“成功”了，没有任何回调报错。',
  },
  scenario: { file: 'acks0-loss.json' },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'acks decides when the producer treats a record as written. acks=0: as soon as it is handed to the network, no answer expected. acks=1: once the leader has appended it to its log. acks=all (the default since Kafka 3.0): once every replica in the ISR has it. p1 uses acks=0, 200 records/s.',
        zh: 'acks 决定生产者何时认为一条记录“写成功”。acks=0：交给网络就算，不等任何回应。acks=1：leader 追加到自己的日志后。acks=all（Kafka 3.0 起的默认值）：ISR 中每个副本都有了之后。p1 使用 acks=0，每秒 200 条。',
      },
      highlight: { panel: 'producers' },
    },
    {
      trigger: { at: 3900 },
      text: {
        en: 'So far every send() has succeeded. In 0.1 s the leader b1 is killed; the controller moves leadership only after broker.session.timeout.ms (9 s) without heartbeats.',
        zh: '到目前为止每次 send() 都成功了。0.1 秒后 leader b1 会被杀掉；controller 要等 broker.session.timeout.ms（9 秒）收不到心跳才迁移 leader。',
      },
      highlight: { panel: 'producers' },
      expect: { lostAcked: 0, lostUnacked: 0 },
      predict: {
        question: {
          en: 'b1 is killed now. Of the records that will be lost, how many will the application be told about (an error in the send callback)?',
          zh: '现在杀掉 b1。将要丢失的记录中，有多少条会让应用知道（send 回调里收到错误）？',
        },
        answers: [
          { text: { en: 'All of them: the leader is down, so every send fails', zh: '全部：leader 挂了，每次发送都会失败' }, correct: false },
          { text: { en: 'None: with acks=0 every send already counts as a success', zh: '一条也没有：acks=0 下每次发送都已算作成功' }, correct: true },
          { text: { en: 'Nothing is lost: the followers have everything', zh: '不会丢：follower 上什么都有' }, correct: false },
        ],
        why: {
          en: 'Look at the fates panel: every lost record is under Lost, acknowledged, and Lost, not acknowledged stays at 0. acks=0 gives the producer no way to learn that a record never arrived (Kafka docs, producer config acks: "no guarantee can be made that the server has received the record").',
          zh: '看消息结局面板：丢失的记录全部计入“已确认却丢失”，“未确认且丢失”一直是 0。acks=0 让生产者无从得知记录根本没到（Kafka 文档，生产者配置 acks：“无法保证服务器已收到该记录”）。',
        },
      },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0' } },
      text: {
        en: 'A new leader, elected from the ISR. Lost, acknowledged counts the records p1 sent into the dead connection and to the dead leader before the election: each one was a "successful" send(). Lost, not acknowledged is 0: the application never heard of a single failure.',
        zh: '从 ISR 中选出了新 leader。“已确认却丢失”统计的是 p1 在选举之前发进断开的连接、发给死掉的 leader 的记录：每一条都是“成功”的 send()。“未确认且丢失”为 0：应用没有听说过任何一次失败。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: '>0', lostUnacked: 0 },
    },
    {
      trigger: { at: 15000 },
      text: {
        en: 'The same crash with acks=1 loses only what the followers had not copied yet (the acks failover lesson), and with acks=all and min.insync.replicas=2 nothing acknowledged (the same lesson, second half). acks=0 is for data you can afford to lose, like metrics sampled again a second later.',
        zh: '同样的崩溃，acks=1 只丢 follower 还没复制的部分（见 acks 故障切换那一课），acks=all + min.insync.replicas=2 则不丢任何已确认的记录（同一课的后半段）。acks=0 只适合丢了也无妨的数据，比如一秒后会再采一次的指标。',
      },
      highlight: { panel: 'fates' },
      expect: { lostUnacked: 0 },
    },
  ],
  expect: { lostAcked: '>0', lostUnacked: 0 },
};
