/** "改一个设置重放，并排对比"的中文。 */
import type { Message } from '../format.ts';
import type { compareEn } from '../en/compare.ts';

export const compareZh: Record<keyof typeof compareEn, Message> = {
  'compare.open': '⇄ 对比…',
  'compare.openTitle': '改一个设置重放本次运行，并排对比',
  'compare.pickTitle': '改一个设置重放',
  'compare.pickHelp': '选一个设置。实验室会用同样的场景、随机种子、故障和配置变更重放本次运行，只把这一个设置从 t=0 起改掉，并在同一模拟时间并排显示两次运行。',
  'compare.cancel': '取消',
  'compare.title': '改一个设置重放',
  'compare.explain': '同样的场景、随机种子、故障和配置变更。重放从 t=0 起就使用 {change}，所以此前写入的记录也是这样写的。一个时钟驱动两边：播放、暂停、拖动和单步都同时作用于两次运行。',
  'compare.close': '关闭对比',
  'compare.thisRun': '本次运行：{setting}',
  'compare.replay': '重放：{change}',
  'compare.at': '时间 {time}',
  'compare.differences': '同一时刻的差异',
  'compare.count': '计数',
  'compare.left': '本次运行',
  'compare.right': '重放',
  'compare.delta': '差值',
  'compare.same': '目前计数没有差异。',
  'compare.lostOnlyLeft': '本次运行中已确认却丢失、在重放中保住的：{n} 条',
  'compare.lostOnlyRight': '重放中已确认却丢失、在本次运行中保住的：{n} 条',
  'compare.deltaTitle': '与另一次运行相比 {n}',
  'compare.starting': '正在重放…',
  'compare.refused': '无法构建重放。',
  'compare.runs': '两次运行',
  'compare.keptThere': '另一次运行中保住了',
  'compare.examples': '例如 {ids}',
} as const;
