/**
 * Faults as data: what a scenario schedules and what the UI sends on command.
 * A broker target is a broker id, or the current leader of a named partition,
 * resolved when the fault fires.
 */

export type BrokerTarget = number | { leaderOf: string };

export type Fault =
  | { at: number; type: 'crash' | 'shutdown' | 'restart'; broker: BrokerTarget }
  | { at: number; type: 'power-loss'; brokers: BrokerTarget[] }
  /** Nodes in different groups cannot reach each other; nodes in no group keep all their links. */
  | { at: number; type: 'partition'; groups: string[][] }
  | { at: number; type: 'isolate'; node: string | { leaderOf: string } }
  | { at: number; type: 'heal' }
  | { at: number; type: 'link'; from: string; to: string; drop?: number; delayMs?: number; oneWay?: boolean }
  | { at: number; type: 'slow-follower'; broker: BrokerTarget; delayMs: number }
  | { at: number; type: 'producer-restart'; producer: string }
  | { at: number; type: 'consumer-crash' | 'consumer-close' | 'consumer-restart' | 'consumer-add'; consumer: string }
  | { at: number; type: 'consumer-stall'; consumer: string; ms: number }
  /**
   * A configuration change at a simulated time (kafka-configs.sh --alter): a topic's dynamic
   * configs, the brokers' cluster-wide dynamic defaults, or an application's producer or
   * consumer (which it restarts with the new config: client configs are fixed at construction).
   */
  | { at: number; type: 'config'; entity: ConfigEntity; config: Record<string, number | boolean | string> };

export type ConfigEntity = { topic: string } | { brokers: 'all' } | { producer: string } | { consumer: string };

export type FaultType = Fault['type'];

export const FAULT_TYPES: FaultType[] = ['crash', 'shutdown', 'restart', 'power-loss', 'partition', 'isolate', 'heal', 'link', 'slow-follower', 'producer-restart', 'consumer-crash', 'consumer-close', 'consumer-restart', 'consumer-add', 'consumer-stall', 'config'];
