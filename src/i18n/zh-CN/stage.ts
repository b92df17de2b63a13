/** 舞台外框的中文：顶栏的“更多”菜单；集群图旁的一栏。 */
import type { Message } from '../format.ts';
import type { stageEn } from '../en/stage.ts';

export const stageZh: Record<keyof typeof stageEn, Message> = {
  'more.button': '更多',
  'more.title': '更多：假如、打开文件、新种子、从头开始、嵌入',
  'stage.side': '此刻的情况',
};
