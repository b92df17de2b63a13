/** Trace events and faults as lines of the event log, in the reader's language. */
import type { TraceEvent } from '../engine/core/trace.ts';
import type { BrokerTarget, Fault } from '../engine/core/faults.ts';
import { translate, translateCode } from './catalog.ts';
import { consumerEventText, reasonText } from './codes.ts';
import type { Lang } from './format.ts';
import { DELIVERY_TIMEOUT } from '../engine/core/trace.ts';

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
    case 'metadata-error':
    case 'send-failed':
      return 'errors';
    default:
      return 'important';
  }
}

const target = (lang: Lang, b: BrokerTarget | string) => (typeof b === 'string' ? b : typeof b === 'number' ? `b${b}` : translate(lang, 'fault.target.leaderOf', { partition: b.leaderOf }));

/** A fault or an operator's action (scheduled, or sent from the lab) as one line. */
export function faultText(lang: Lang, f: Fault): string {
  switch (f.type) {
    case 'crash':
    case 'shutdown':
    case 'restart':
      return translate(lang, `fault.${f.type}`, { target: target(lang, f.broker) });
    case 'power-loss':
      return translate(lang, 'fault.power-loss', { targets: f.brokers.map((b) => target(lang, b)).join(translate(lang, 'fault.list.sep')) });
    case 'partition':
      return translate(lang, 'fault.partition', { groups: f.groups.map((g) => `{${g.join(' ')}}`).join(' | ') });
    case 'isolate':
      return translate(lang, 'fault.isolate', { node: target(lang, f.node) });
    case 'heal':
      return translate(lang, 'fault.heal');
    case 'link':
      return translate(lang, 'fault.link', {
        link: `${f.from}${f.oneWay ? '→' : '↔'}${f.to}`,
        drop: f.drop !== undefined ? translate(lang, 'fault.link.drop', { pct: Math.round(f.drop * 100) }) : '',
        delay: f.delayMs ? translate(lang, 'fault.link.delay', { ms: f.delayMs }) : '',
      });
    case 'slow-follower':
      return translate(lang, 'fault.slow-follower', { target: target(lang, f.broker), ms: f.delayMs });
    case 'producer-restart':
      return translate(lang, 'fault.producer-restart', { producer: f.producer });
    case 'consumer-stall':
      return translate(lang, 'fault.consumer-stall', { consumer: f.consumer, ms: f.ms });
    case 'consumer-crash':
    case 'consumer-close':
    case 'consumer-restart':
    case 'consumer-add':
      return translate(lang, `fault.${f.type}`, { consumer: f.consumer });
    case 'config': {
      const e = f.entity;
      const what = 'topic' in e ? translate(lang, 'fault.config.topic', { topic: e.topic }) : 'brokers' in e ? translate(lang, 'fault.config.brokers') : 'producer' in e ? e.producer : e.consumer;
      const set = Object.entries(f.config)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ');
      return translate(lang, 'fault.config', { what, set });
    }
  }
}

/** One trace event as a line of the event log. */
export function eventText(lang: Lang, e: TraceEvent): string {
  const last = 'to' in e && typeof e.to === 'number' ? e.to - 1 : 0;
  switch (e.type) {
    case 'fault': {
      const fault = faultText(lang, e.fault);
      if (!e.note) return fault;
      const note = e.note.code === 'leader-is' ? translate(lang, 'faultnote.leader-is', e.note) : translate(lang, 'faultnote.no-leader', e.note);
      return translate(lang, 'event.fault-note', { fault, note });
    }
    case 'broker-crashed':
      return translate(lang, e.how === 'power loss' ? 'event.broker-lost-power' : 'event.broker-crashed', { broker: e.broker });
    case 'broker-stopped':
    case 'broker-restarted':
    case 'broker-unfenced':
      return translate(lang, `event.${e.type}`, { broker: e.broker });
    case 'broker-fenced':
      return translate(lang, 'event.broker-fenced', { broker: e.broker, reason: reasonText(lang, e.why) });
    case 'leader-elected': {
      const key = e.how === 'elr' ? 'event.leader-elected-elr' : e.how === 'last-known-leader' ? 'event.leader-elected-last-known' : e.unclean ? 'event.leader-elected-unclean' : 'event.leader-elected';
      return translate(lang, key, { partition: e.partition, leader: e.leader, epoch: e.epoch, isr: e.isr.join(','), elr: (e.elr ?? []).join(','), reason: reasonText(lang, e.why) });
    }
    case 'partition-offline':
      return translate(lang, e.elr ? 'event.partition-offline-elr' : 'event.partition-offline', { partition: e.partition, isr: e.isr.join(','), elr: (e.elr ?? []).join(','), reason: reasonText(lang, e.why) });
    case 'isr-changed':
      return translate(lang, e.elr ? 'event.isr-changed-elr' : 'event.isr-changed', { partition: e.partition, previous: e.previous.join(','), isr: e.isr.join(','), elr: (e.elr ?? []).join(','), reason: reasonText(lang, e.why) });
    case 'truncated':
      return translate(lang, 'event.truncated', { broker: e.broker, partition: e.partition, from: e.from, last, records: e.records, reason: reasonText(lang, e.why) });
    case 'power-loss-dropped':
      return translate(lang, 'event.power-loss-dropped', { broker: e.broker, partition: e.partition, from: e.from, last });
    case 'became-leader':
      return translate(lang, 'event.became-leader', { broker: e.broker, partition: e.partition, epoch: e.epoch, leo: e.leo, hw: e.hw });
    case 'became-follower':
      return translate(lang, 'event.became-follower', { broker: e.broker, partition: e.partition, epoch: e.epoch, leader: e.leader });
    case 'produce-error':
      return translate(lang, 'event.produce-error', { producer: e.producer, error: e.error, broker: e.broker, partition: e.partition, attempt: e.attempt });
    case 'metadata-error':
      return translate(lang, 'event.metadata-error', { producer: e.producer, error: e.error, broker: e.broker, partition: e.partition });
    case 'send-failed':
      return translate(lang, e.resent ? 'event.send-failed-resent' : 'event.send-failed', { producer: e.producer, error: e.error === DELIVERY_TIMEOUT ? translate(lang, 'event.error.delivery-timeout') : e.error, records: e.records });
    case 'producer-restarted':
      return translate(lang, 'event.producer-restarted', { producer: e.producer, pid: e.pid, droppedRecords: e.droppedRecords });
    case 'link':
      return translate(lang, 'event.link', { from: e.from, to: e.to, state: e.state });
    case 'appended':
      return translate(lang, 'event.appended', { broker: e.broker, partition: e.partition, from: e.from, last, epoch: e.epoch, acks: e.acks });
    case 'acked':
      return translate(lang, 'event.acked', { broker: e.broker, partition: e.partition, from: e.from, last, producer: e.producer });
    case 'hw-advanced':
      return translate(lang, 'event.hw-advanced', { broker: e.broker, partition: e.partition, hw: e.hw });
    case 'fetched':
      return translate(lang, 'event.fetched', { broker: e.broker, partition: e.partition, from: e.from, last, leader: e.leader });
    case 'flushed':
      return translate(lang, 'event.flushed', { broker: e.broker, partition: e.partition, to: e.to, reason: reasonText(lang, e.why) });
    case 'note': {
      const key = e.code === 'producer-reconfigured' && Number(e.args.pid) >= 0 ? 'note.producer-reconfigured-pid' : `note.${e.code}`;
      return translateCode(lang, key, e.args, e.code);
    }
    case 'consumer':
      return consumerEventText(lang, e);
    case 'omitted':
      return translate(lang, 'event.omitted');
  }
}
