/** 文档小部件与实验室“嵌入”对话框的中文。 */
import type { Message } from '../format.ts';
import type { embedEn } from '../en/embed.ts';

export const embedZh: Record<keyof typeof embedEn, Message> = {
  'embed.label': 'Kafka 可靠性实验室：{name}',
  'embed.openFull': '在完整实验室中打开',
  'embed.openFullTitle': '在新标签页的完整实验室中打开这次运行',
  'embed.loading': '正在加载实验室…',
  'embed.range': '播放 {from} 至 {to}',
  'embed.badOption': '小部件选项“{name}”：{reason}。改用 {fallback}。',
  'embed.badScenario': '小部件选项“scenario”：无法加载“{value}”（{reason}）。改为显示初识场景。',
  'embed.unknownLesson': '小部件选项“lesson”：没有名为“{value}”的课程。',
  'embed.button': '嵌入',
  'embed.buttonTitle': '把这次运行放进文档页面的代码片段',
  'embed.title': '嵌入这次运行',
  'embed.intro': '把下面任一段粘贴到文档页面中。小部件在自己的方框里运行您现在看到的同一场景、种子和语言，除实验室自身的文件外不发出任何请求。',
  'embed.iframe': 'iframe',
  'embed.element': '自定义元素（一个 script 标签）',
  'embed.copy': '复制',
  'embed.copied': '已复制',
  'embed.close': '关闭',
  'embed.note': '您施加的故障和配置更改不在代码片段中：小部件从头播放该场景。选项与 postMessage API 见 docs/embed.md。',
};
