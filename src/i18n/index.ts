/** The UI's two languages, message lookup, and trace events as one line of text. */
import { reasonText } from '../engine/reasons.ts';
import { consumerEventText } from '../engine/consumerEventText.ts';
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';
import type { TraceEvent } from '../engine/trace.ts';
import type { Fault } from '../engine/faults.ts';

export type Lang = 'en' | 'zh-CN';
export type { MessageKey };

const TABLES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const tpl = (TABLES[lang] as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
  return vars ? tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) : tpl;
}

/** The engine's story language code. */
export const storyLang = (l: Lang): 'en' | 'zh' => (l === 'zh-CN' ? 'zh' : 'en');

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 60000 ? 2 : 1)} s`;
}

export type EventGroup = 'important' | 'errors' | 'detail';

export function eventGroup(e: TraceEvent): EventGroup {
  switch (e.type) {
    case 'appended':
    case 'acked':
    case 'hw-advanced':
    case 'fetched':
    case 'flushed':
    case 'became-follower':
      return 'detail';
    case 'produce-error':
    case 'send-failed':
      return 'errors';
    default:
      return 'important';
  }
}

function faultText(f: Fault, zh: boolean): string {
  const tgt = (b: number | { leaderOf: string }) => (typeof b === 'number' ? `b${b}` : zh ? `${b.leaderOf} 的 leader` : `leader of ${b.leaderOf}`);
  switch (f.type) {
    case 'crash':
      return zh ? `故障：${tgt(f.broker)} 崩溃` : `fault: crash ${tgt(f.broker)}`;
    case 'shutdown':
      return zh ? `操作：正常关闭 ${tgt(f.broker)}` : `action: clean shutdown of ${tgt(f.broker)}`;
    case 'restart':
      return zh ? `操作：重启 ${tgt(f.broker)}` : `action: restart ${tgt(f.broker)}`;
    case 'power-loss':
      return zh ? `故障：${f.brokers.map(tgt).join('、')} 断电` : `fault: power loss on ${f.brokers.map(tgt).join(', ')}`;
    case 'partition':
      return zh ? `故障：网络分区 ${f.groups.map((g) => `{${g.join(' ')}}`).join(' | ')}` : `fault: network partition ${f.groups.map((g) => `{${g.join(' ')}}`).join(' | ')}`;
    case 'isolate':
      return zh ? `故障：隔离 ${typeof f.node === 'string' ? f.node : tgt(f.node)}` : `fault: isolate ${typeof f.node === 'string' ? f.node : tgt(f.node)}`;
    case 'heal':
      return zh ? '操作：修复网络' : 'action: heal the network';
    case 'link':
      return zh ? `故障：链路 ${f.from}${f.oneWay ? '→' : '↔'}${f.to}${f.drop !== undefined ? ` 丢包 ${Math.round(f.drop * 100)}%` : ''}${f.delayMs ? ` 延迟 +${f.delayMs} ms` : ''}` : `fault: link ${f.from}${f.oneWay ? '→' : '↔'}${f.to}${f.drop !== undefined ? ` drops ${Math.round(f.drop * 100)}%` : ''}${f.delayMs ? ` +${f.delayMs} ms` : ''}`;
    case 'slow-follower':
      return zh ? `故障：${tgt(f.broker)} 的拉取变慢 +${f.delayMs} ms` : `fault: ${tgt(f.broker)} fetches slowly (+${f.delayMs} ms)`;
    case 'producer-restart':
      return zh ? `故障：${f.producer} 应用崩溃并重启` : `fault: ${f.producer} application restarts`;
    case 'consumer-stall':
      return zh ? `故障：${f.consumer} 卡住 ${f.ms} ms` : `fault: ${f.consumer} stalls for ${f.ms} ms`;
    case 'config': {
      const what = 'topic' in f.entity ? (zh ? `主题 ${f.entity.topic}` : `topic ${f.entity.topic}`) : 'brokers' in f.entity ? (zh ? '所有 broker' : 'all brokers') : 'producer' in f.entity ? f.entity.producer : f.entity.consumer;
      const set = Object.entries(f.config).map(([k, v]) => `${k}=${String(v)}`).join(', ');
      return zh ? `配置：${what} ${set}` : `config: ${what} ${set}`;
    }
    default:
      return `${f.type} ${f.consumer}`;
  }
}

/** One trace event as a line of the event log. */
export function eventText(e: TraceEvent, lang: Lang): string {
  const zh = lang === 'zh-CN';
  switch (e.type) {
    case 'fault':
      return faultText(e.fault, zh) + (e.note ? ` (${e.note})` : '');
    case 'broker-crashed':
      return zh ? `broker ${e.broker} ${e.how === 'power loss' ? '断电' : '崩溃（kill -9）'}` : `broker ${e.broker} ${e.how === 'power loss' ? 'lost power' : 'crashed (kill -9)'}`;
    case 'broker-stopped':
      return zh ? `broker ${e.broker} 已正常关闭` : `broker ${e.broker} shut down cleanly`;
    case 'broker-restarted':
      return zh ? `broker ${e.broker} 重启` : `broker ${e.broker} restarted`;
    case 'broker-fenced':
      return zh ? `控制器隔离（fence）了 broker ${e.broker}：${reasonText(e.why, 'zh')}` : `controller fenced broker ${e.broker}: ${e.reason}`;
    case 'broker-unfenced':
      return zh ? `broker ${e.broker} 重新加入集群` : `broker ${e.broker} unfenced (back in the cluster)`;
    case 'leader-elected':
      return zh
        ? `${e.partition}：broker ${e.leader} 当选 leader，epoch ${e.epoch}，ISR [${e.isr.join(',')}]${e.unclean ? '（unclean）' : ''}：${reasonText(e.why, 'zh')}`
        : `${e.partition}: broker ${e.leader} elected leader, epoch ${e.epoch}, ISR [${e.isr.join(',')}]${e.unclean ? ' (UNCLEAN)' : ''} — ${e.reason}`;
    case 'partition-offline':
      return zh ? `${e.partition} 离线（ISR [${e.isr.join(',')}]）：${reasonText(e.why, 'zh')}` : `${e.partition} offline (ISR [${e.isr.join(',')}]): ${e.reason}`;
    case 'isr-changed':
      return zh ? `${e.partition}：ISR [${e.previous.join(',')}] → [${e.isr.join(',')}]：${reasonText(e.why, 'zh')}` : `${e.partition}: ISR [${e.previous.join(',')}] → [${e.isr.join(',')}]: ${e.reason}`;
    case 'truncated':
      return zh ? `broker ${e.broker} 截断 ${e.partition}：删除 offset ${e.from}–${e.to - 1}（${e.records} 条）：${reasonText(e.why, 'zh')}` : `broker ${e.broker} truncated ${e.partition}, removing offsets ${e.from}–${e.to - 1} (${e.records} records): ${e.reason}`;
    case 'power-loss-dropped':
      return zh ? `broker ${e.broker} 断电丢失 ${e.partition} 页缓存中的 offset ${e.from}–${e.to - 1}` : `broker ${e.broker} lost ${e.partition} offsets ${e.from}–${e.to - 1} (only in page cache)`;
    case 'became-leader':
      return zh ? `broker ${e.broker} 成为 ${e.partition} 的 leader（epoch ${e.epoch}，LEO ${e.leo}）` : `broker ${e.broker} became leader of ${e.partition} (epoch ${e.epoch}, LEO ${e.leo}, HW ${e.hw})`;
    case 'became-follower':
      return zh ? `broker ${e.broker} 成为 ${e.partition} 的 follower，跟随 ${e.leader}` : `broker ${e.broker} follows ${e.leader} for ${e.partition} (epoch ${e.epoch})`;
    case 'produce-error':
      return zh ? `${e.producer} 收到 ${e.error}（${e.partition}，broker ${e.broker}，第 ${e.attempt} 次）` : `${e.producer} got ${e.error} from broker ${e.broker} (${e.partition}, attempt ${e.attempt})`;
    case 'send-failed':
      return zh ? `${e.producer} 发送失败：${e.error}（${e.records} 条${e.resent ? '，应用重发' : ''}）` : `${e.producer}: send failed with ${e.error} (${e.records} records${e.resent ? ', the app sends them again' : ''})`;
    case 'producer-restarted':
      return zh ? `${e.producer} 重启，新 producer id ${e.pid}，丢弃缓冲 ${e.droppedRecords} 条` : `${e.producer} restarted: new producer id ${e.pid}, ${e.droppedRecords} buffered records dropped`;
    case 'link':
      return `${e.from} → ${e.to}: ${e.state}`;
    case 'appended':
      return zh ? `broker ${e.broker} 追加 ${e.partition} offset ${e.from}–${e.to - 1}（epoch ${e.epoch}）` : `broker ${e.broker} appended ${e.partition} offsets ${e.from}–${e.to - 1} (epoch ${e.epoch}, acks=${e.acks})`;
    case 'acked':
      return zh ? `broker ${e.broker} 向 ${e.producer} 确认 ${e.partition} offset ${e.from}–${e.to - 1}` : `broker ${e.broker} acknowledged ${e.partition} offsets ${e.from}–${e.to - 1} to ${e.producer}`;
    case 'hw-advanced':
      return zh ? `broker ${e.broker}：${e.partition} 的 HW → ${e.hw}` : `broker ${e.broker}: HW of ${e.partition} → ${e.hw}`;
    case 'fetched':
      return zh ? `broker ${e.broker} 从 ${e.leader} 拉取 ${e.partition} offset ${e.from}–${e.to - 1}` : `broker ${e.broker} fetched ${e.partition} offsets ${e.from}–${e.to - 1} from ${e.leader}`;
    case 'flushed':
      return zh ? `broker ${e.broker} 把 ${e.partition} 刷盘到 ${e.to}（${reasonText(e.why, 'zh')}）` : `broker ${e.broker} flushed ${e.partition} to ${e.to} (${e.reason})`;
    case 'note':
      return e.text;
    case 'consumer':
      return consumerEventText(e, storyLang(lang));
  }
}
