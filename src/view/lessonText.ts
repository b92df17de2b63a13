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
  failed: '无法打开课程：{reason}',
};

export function lessonT(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  return (lang === 'zh-CN' ? ZH : EN)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export const pick = (lang: Lang, t: Text): string => (lang === 'zh-CN' ? t.zh : t.en);
