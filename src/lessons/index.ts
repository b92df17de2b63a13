/** The lessons, in the order a course would take them. */
import type { Lesson } from './types.ts';
import { replication } from './replication.ts';
import { acks } from './acks.ts';
import { durability } from './durability.ts';
import { idempotence } from './idempotence.ts';
import { ordering } from './ordering.ts';
import { autocommit } from './autocommit.ts';
import { rebalance } from './rebalance.ts';

export const LESSONS: Lesson[] = [replication, acks, durability, idempotence, ordering, autocommit, rebalance];

export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);

export type { Lesson, LessonStep, Text, Trigger, Highlight, LessonAction } from './types.ts';
