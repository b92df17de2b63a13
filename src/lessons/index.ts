/** The lessons, in the order of the course index: producer, broker, consumer, end to end (types.ts LESSON_GROUPS). */
import type { Lesson } from './types.ts';
import { replication } from './replication.ts';
import { acks } from './acks.ts';
import { durability } from './durability.ts';
import { idempotence } from './idempotence.ts';
import { ordering } from './ordering.ts';
import { autocommit } from './autocommit.ts';
import { rebalance } from './rebalance.ts';
import { acksZero } from './acksZero.ts';
import { minIsr } from './minIsr.ts';
import { unclean } from './unclean.ts';
import { kip101 } from './kip101.ts';
import { callback } from './callback.ts';
import { commitOrder } from './commitOrder.ts';
import { offByOne } from './offByOne.ts';
import { killedClosed } from './killedClosed.ts';
import { keyOrder } from './keyOrder.ts';
import { backlog } from './backlog.ts';
import { endToEnd } from './endToEnd.ts';
import { versionCrash } from './versionCrash.ts';
import { fsyncCost } from './fsyncCost.ts';
import { eligibleLeaderReplicas } from './eligibleLeaderReplicas.ts';

export const LESSONS: Lesson[] = [
  // producer
  acksZero, acks, versionCrash, callback, idempotence, ordering,
  // broker
  replication, minIsr, unclean, kip101, durability, fsyncCost, eligibleLeaderReplicas,
  // consumer
  autocommit, commitOrder, offByOne, killedClosed, keyOrder, rebalance, backlog,
  // end to end
  endToEnd,
];

export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);

export type { Lesson, LessonStep, Text, Trigger, Highlight, LessonAction } from './types.ts';
