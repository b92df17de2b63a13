/**
 * Live configuration with Kafka's names and defaults. Producer configs restart
 * the application's producer; min.insync.replicas, unclean.leader.election.enable
 * and flush.messages are dynamic topic configs; brokers, partitions and the
 * replication factor start a new run. The engine refuses what Kafka would refuse.
 */
import { Fragment, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { BROKER_CONFIG, CONSUMER_CONFIG, LONG_MAX, PRODUCER_CONFIG, type ConfigKeySpec } from '../engine/core/configSpec.ts';
import type { ConfigChange } from '../engine/config/liveConfig.ts';
import { SAFE_SETTINGS, safeSettings } from '../engine/faults/nodeActions.ts';
import { DEFAULT_KAFKA_VERSION, KAFKA_VERSIONS } from '../engine/core/kafkaVersions.ts';
import { useT } from './hooks.ts';

type Val = string | number | boolean;

const PRODUCER_KEYS = ['acks', 'enable.idempotence', 'retries', 'max.in.flight.requests.per.connection', 'linger.ms', 'request.timeout.ms', 'delivery.timeout.ms'] as const;
const TOPIC_KEYS = ['min.insync.replicas', 'unclean.leader.election.enable', 'flush.messages'] as const;

const show = (v: Val) => (v === LONG_MAX ? 'Long.MAX' : String(v));

/** A row's value kind and default; `doc` is its tooltip, from the catalog (doc.<scope>.<key>). */
type RowSpec = (ConfigKeySpec | { kind: 'int' | 'enum'; default: Val; values?: readonly string[] }) & { doc: string };

function Row({ k, spec, value, onApply, testId }: { k: string; spec: RowSpec; value: Val; onApply: (v: Val) => void; testId: string }) {
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const id = `cfg-${testId}`;
  let control;
  if (spec.kind === 'acks') {
    control = (
      <select id={id} value={String(value)} onChange={(e) => onApply(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid={testId}>
        <option value="0">0</option>
        <option value="1">1</option>
        <option value="all">all</option>
      </select>
    );
  } else if (spec.kind === 'enum' && spec.values) {
    control = (
      <select id={id} value={String(value)} onChange={(e) => onApply(e.target.value)} data-testid={testId}>
        {spec.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'bool') {
    control = (
      <select id={id} value={String(value)} onChange={(e) => onApply(e.target.value === 'true')} data-testid={testId}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  } else {
    control = (
      <form
        className="num"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft !== null) onApply(draft.trim());
          setDraft(null);
        }}
      >
        <input id={id} inputMode="numeric" value={draft ?? show(value)} onChange={(e) => setDraft(e.target.value)} onFocus={(e) => e.target.select()} data-testid={testId} />
        <button type="submit" className="btn small" disabled={draft === null}>
          {t('config.apply')}
        </button>
      </form>
    );
  }
  return (
    <div className="cfg-row">
      <label htmlFor={id} title={spec.doc}>
        <code>{k.split('.').join('.\u200b')}</code>
        <small>{t('config.default', { v: show(spec.default) })}</small>
      </label>
      {control}
    </div>
  );
}

/**
 * With `onPick`, the same rows choose a setting instead of applying it (the
 * replay-with-one-change picker): its hooks and ids get a "pick-" prefix.
 */
export function ConfigPanel({ onPick }: { onPick?: (c: ConfigChange) => void } = {}) {
  const t = useT();
  const info = useLab((s) => s.info);
  const send = useLab((s) => s.send);
  if (!info) return null;
  const change = onPick ?? ((c: ConfigChange) => send({ type: 'config', change: c }));
  const tid = (s: string) => (onPick ? `pick-${s}` : s);
  // What "safe" means is the engine's (nodeActions.ts); the hint lists the same values.
  const safe = () => safeSettings(info).forEach(change);
  return (
    <div className="config" data-testid={tid('config')}>
      {!onPick && <div className="cfg-safe">
        <button type="button" className="btn" onClick={safe} data-testid="safe">
          {t('config.safe')}
        </button>
        {/* Each key=value is one unbreakable unit: the line breaks only after a comma, never inside a Kafka name. */}
        <small className="cfg-safe-list">
          {Object.entries(SAFE_SETTINGS).map(([k, v], i, all) => (
            <Fragment key={k}>
              <span className="kv">{`${k}=${String(v)}`}</span>
              {i < all.length - 1 && <>, <wbr /></>}
            </Fragment>
          ))}
        </small>
      </div>}
      {info.producers.map((p) => (
        <fieldset key={p.name}>
          <legend>{t('config.producer', { name: p.name })}</legend>
          <p className="note">{t('config.producerNote')}</p>
          {PRODUCER_KEYS.map((k) => (
            <Row key={k} k={k} spec={{ ...PRODUCER_CONFIG[k], doc: t(`doc.producer.${k}`) }} value={p.config[k]} testId={tid(`${p.name}-${k}`)} onApply={(v) => change({ scope: 'producer', producer: p.name, key: k, value: v })} />
          ))}
          <Row k={t('config.rate')} spec={{ kind: 'int', default: 100, doc: '' }} value={p.rate} testId={tid(`${p.name}-rate`)} onApply={(v) => change({ scope: 'producer', producer: p.name, key: 'rate', value: Number(v) })} />
          <Row k={t('config.count')} spec={{ kind: 'int', default: 100, doc: '' }} value={p.count} testId={tid(`${p.name}-count`)} onApply={(v) => change({ scope: 'producer', producer: p.name, key: 'count', value: Number(v) })} />
        </fieldset>
      ))}
      {info.topics.map((tp) => (
        <fieldset key={tp.name}>
          <legend>{t('config.topic', { name: tp.name })}</legend>
          {TOPIC_KEYS.map((k) => (
            <Row key={k} k={k} spec={{ ...BROKER_CONFIG[k], doc: t(`doc.broker.${k}`) }} value={tp.config[k] ?? info.brokerConfig[k]} testId={tid(`${tp.name}-${k}`)} onApply={(v) => change({ scope: 'topic', topic: tp.name, key: k, value: v })} />
          ))}
        </fieldset>
      ))}
      {[...new Set(info.consumers.map((c) => c.group))].map((g) => {
        const c = info.consumers.find((x) => x.group === g)!;
        const apply = (key: string, value: Val) => change({ scope: 'consumer', group: g, key, value });
        return (
          <fieldset key={g} data-testid={`config-group-${g}`}>
            <legend>{t('config.group', { group: g })}</legend>
            <p className="note">{t('config.groupNote')}</p>
            {(['enable.auto.commit', 'auto.commit.interval.ms'] as const).map((k) => (
              <Row key={k} k={k} spec={{ ...CONSUMER_CONFIG[k], doc: t(`doc.consumer.${k}`) }} value={c.config[k]} testId={tid(`${g}-${k}`)} onApply={(v) => apply(k, v)} />
            ))}
            <Row k={t('config.commit')} spec={{ kind: 'enum', default: 'auto', doc: t('config.commitDoc'), values: ['auto', 'before-process', 'after-process'] }} value={c.commit} testId={tid(`${g}-commit`)} onApply={(v) => apply('commit', v)} />
            <Row k={t('config.processing')} spec={{ kind: 'enum', default: 'inline', doc: t('config.processingDoc'), values: ['inline', 'queue', 'thread-pool', 'per-key-queue'] }} value={c.processing} testId={tid(`${g}-processing`)} onApply={(v) => apply('processing', v)} />
            <Row k={t('config.processingMs')} spec={{ kind: 'int', default: 1, doc: '' }} value={c.processingMs} testId={tid(`${g}-processingMs`)} onApply={(v) => apply('processingMs', Number(v))} />
            <Row k={t('config.sink')} spec={{ kind: 'enum', default: 'plain', doc: t('config.sinkDoc'), values: ['plain', 'idempotent'] }} value={c.sink} testId={tid(`${g}-sink`)} onApply={(v) => apply('sink', v)} />
          </fieldset>
        );
      })}
      <fieldset>
        <legend>{t('config.cluster')}</legend>
        <Row k="kafkaVersion" spec={{ kind: 'enum', default: DEFAULT_KAFKA_VERSION, doc: t('config.kafkaVersionDoc'), values: KAFKA_VERSIONS }} value={info.kafkaVersion} testId={tid("cluster-kafkaVersion")} onApply={(v) => change({ scope: 'cluster', key: 'kafkaVersion', value: v })} />
        <Row k={t('config.brokers')} spec={{ kind: 'int', default: 3, doc: '' }} value={info.brokers} testId={tid("cluster-brokers")} onApply={(v) => change({ scope: 'cluster', key: 'brokers', value: Number(v) })} />
        <Row k={t('config.partitions')} spec={{ kind: 'int', default: 1, doc: '' }} value={info.topics[0]?.partitions ?? 1} testId={tid("cluster-partitions")} onApply={(v) => change({ scope: 'cluster', key: 'partitions', value: Number(v) })} />
        <Row k="replication.factor" spec={{ kind: 'int', default: 3, doc: '' }} value={info.topics[0]?.replicationFactor ?? 1} testId={tid("cluster-rf")} onApply={(v) => change({ scope: 'cluster', key: 'replication.factor', value: Number(v) })} />
      </fieldset>
    </div>
  );
}
