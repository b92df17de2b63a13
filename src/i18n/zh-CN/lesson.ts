/** 课程播放器自己的中文（各课的讲解随课程放在 src/lessons 中）。 */
import type { Message } from '../format.ts';
import type { lessonEn } from '../en/lesson.ts';

export const lessonZh: Record<keyof typeof lessonEn, Message> = {
  'lesson.lessons': '课程',
  'lesson.choose': '选择一节课',
  'lesson.step': '第 {n} / {total} 步',
  'lesson.next': '下一步',
  'lesson.prev': '上一步',
  'lesson.presenter': '演示模式',
  'lesson.close': '退出课程',
  'lesson.restart': '重新开始',
  'lesson.playing': '正在播放到下一步……',
  'lesson.loading': '课程加载中……',
  'lesson.end': '本课结束。',
  'lesson.nextAt': '下一站：{when}',
  'lesson.atTime': '{s} 秒',
  'lesson.failed': '无法打开课程：{reason}',
};
