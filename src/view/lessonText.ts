/** The lesson player's own words (the lessons' narration lives with the lessons). */
import type { Lang } from '../i18n/index.ts';
import type { Text } from '../lessons/types.ts';

const EN = {
  lessons: 'Lessons',
  choose: 'Choose a lesson',
  step: 'Step {n} / {total}',
  next: 'Next',
  prev: 'Previous',
  presenter: 'Presenter mode',
  close: 'Close lesson',
  restart: 'Restart',
  playing: 'Playing to the next step…',
  loading: 'Loading the lesson…',
  end: 'End of the lesson.',
  nextAt: 'Next stop: {when}',
  atTime: 'at {s} s',
  atEvent: 'at the next {event}',
  keys: 'Lesson keys: PageDown or N next · PageUp or B previous · P presenter mode · in presenter mode → and ← too (as a clicker sends them)',
  failed: 'Could not open the lesson: {reason}',
};
type Key = keyof typeof EN;

const ZH: Record<Key, string> = {
  lessons: '课程',
  choose: '选择一节课',
  step: '第 {n} / {total} 步',
  next: '下一步',
  prev: '上一步',
  presenter: '演示模式',
  close: '退出课程',
  restart: '重新开始',
  playing: '正在播放到下一步……',
  loading: '课程加载中……',
  end: '本课结束。',
  nextAt: '下一站：{when}',
  atTime: '{s} 秒',
  atEvent: '下一个 {event} 事件',
  keys: '课程快捷键：PageDown 或 N 下一步 · PageUp 或 B 上一步 · P 演示模式 · 演示模式下 → 和 ← 也可以（翻页笔发送的就是它们）',
  failed: '无法打开课程：{reason}',
};

export function lessonT(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  return (lang === 'zh-CN' ? ZH : EN)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export const pick = (lang: Lang, t: Text): string => (lang === 'zh-CN' ? t.zh : t.en);
