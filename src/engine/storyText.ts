/** Renders story steps in English or Simplified Chinese. Pure: the CLI and the UI share it. */
import type { StoryStep } from './story.ts';
import { reasonText } from './reasons.ts';
import { CONSUMER_STEPS_EN, CONSUMER_STEPS_ZH } from './consumerStory.ts';
import { rebalanceReasonText } from './consumerEventText.ts';

export type Lang = 'en' | 'zh';

type Templates = Record<string, string>;

const EN: Templates = {
  ...CONSUMER_STEPS_EN,
  sent: '{producer} sent it (key {key}) to {partition}',
  appended: 'leader broker {broker} appended it at offset {offset} in leader epoch {epoch}',
  replicated: 'follower broker {broker} copied offset {offset}',
  truncated: 'broker {broker} truncated its log and removed offset {offset}: {reason}',
  'lost-unflushed': 'broker {broker} lost power: offset {offset} was still only in the OS page cache',
  acked: 'broker {broker} acknowledged it to {producer} (acks={acks}, offset {offset})',
  'acked-blind': '{producer} counted it as sent without waiting for any broker (acks=0)',
  failed: 'the send failed for good with {error}; the application was told',
  dropped: '{producer} restarted before it was acknowledged (in its buffer or in flight); nobody was told',
  'resent-after-restart': 'the restarted {producer} sent it again under its new producer id {pid}: the broker cannot recognise a copy written before',
  'produce-error': '{producer} got {error} from broker {broker} (attempt {attempt})',
  elected: 'broker {broker} was elected leader of {partition} in epoch {epoch} (ISR {isr}); its log ended at offset {leo}',
  'elected-unclean': 'broker {broker}, not in the ISR, was elected leader of {partition} in epoch {epoch} (unclean election)',
  offline: '{partition} went offline: no eligible replica alive (ISR {isr})',
  isr: 'the ISR of {partition} became [{isr}]: {reason}',
  crashed: 'broker {broker} crashed (kill -9; its page cache survives)',
  'power-loss': 'broker {broker} lost power',
  stopped: 'broker {broker} shut down cleanly',
  restarted: 'broker {broker} restarted',
  'producer-restarted': '{producer} restarted with a new producer id',
  network: 'network: {what} {detail}',
  absent: 'the committed log of {partition} (leader broker {broker}, epoch {epoch}, high watermark {hw}) does not contain it',
  duplicate: 'the committed log of {partition} holds it more than once, at offsets {offsets}',
  overtaken: 'it sits at offset {offset} of {partition}, after message {other} of the same key that was sent later ({otherSent} ms) but written first at offset {otherOffset}',
  unseen: 'it sits in broker {broker}\'s log above the high watermark {hw}: acknowledged but not committed, so no consumer can read it',
};

const ZH: Templates = {
  ...CONSUMER_STEPS_ZH,
  sent: '{producer} 发送了它（key {key}）到 {partition}',
  appended: 'leader broker {broker} 在 leader epoch {epoch} 把它追加到 offset {offset}',
  replicated: 'follower broker {broker} 复制了 offset {offset}',
  truncated: 'broker {broker} 截断日志，删除了 offset {offset}：{reason}',
  'lost-unflushed': 'broker {broker} 断电：offset {offset} 仍只在操作系统页缓存中',
  acked: 'broker {broker} 向 {producer} 确认写入成功（acks={acks}，offset {offset}）',
  'acked-blind': '{producer} 未等待任何 broker 就视为发送成功（acks=0）',
  failed: '发送最终失败：{error}；应用收到了错误',
  dropped: '{producer} 在它被确认之前重启（它还在缓冲区或在途）；没有人收到通知',
  'resent-after-restart': '重启后的 {producer} 用新的 producer id {pid} 再次发送了它：broker 无法识别之前已写入的副本',
  'produce-error': '{producer} 收到 broker {broker} 返回的 {error}（第 {attempt} 次尝试）',
  elected: 'broker {broker} 当选 {partition} 的 leader，epoch {epoch}（ISR {isr}）；它的日志只到 offset {leo}',
  'elected-unclean': '不在 ISR 中的 broker {broker} 当选 {partition} 的 leader，epoch {epoch}（unclean 选举）',
  offline: '{partition} 下线：没有存活的合格副本（ISR {isr}）',
  isr: '{partition} 的 ISR 变为 [{isr}]：{reason}',
  crashed: 'broker {broker} 崩溃（kill -9，页缓存仍在）',
  'power-loss': 'broker {broker} 断电',
  stopped: 'broker {broker} 正常关闭',
  restarted: 'broker {broker} 重启',
  'producer-restarted': '{producer} 重启，获得新的 producer id',
  network: '网络：{what} {detail}',
  absent: '{partition} 的已提交日志（leader broker {broker}，epoch {epoch}，高水位 {hw}）中没有它',
  duplicate: '{partition} 的已提交日志中它出现了不止一次，offset {offsets}',
  overtaken: '它位于 {partition} 的 offset {offset}，排在同一 key 的消息 {other} 之后；那条消息发送得更晚（{otherSent} ms），却先写入 offset {otherOffset}',
  unseen: '它在 broker {broker} 的日志中，但高于高水位 {hw}：已确认却未提交，消费者读不到',
};

export function stepText(s: StoryStep, lang: Lang = 'en'): string {
  const tpl = (lang === 'zh' ? ZH : EN)[s.code] ?? EN[s.code] ?? s.code;
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (k === 'reason' && s.why) return reasonText(s.why, lang);
    // A consumer group's rebalance reason is a code with args, like the event it cites.
    if (k === 'reason' && s.code === 'c-rebalance') return rebalanceReasonText({ code: String(s.args.reason), args: s.args }, lang);
    return String(s.args[k] ?? '');
  });
}

export function formatTime(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')} s`;
}
