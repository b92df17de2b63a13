/** “假如”矩阵与反例搜索的命令行（npm run whatif）的中文。 */
import type { Message } from '../format.ts';
import type { whatifCliEn } from '../en/whatifCli.ts';

export const whatifCliZh: Record<keyof typeof whatifCliEn, Message> = {
  'whatifCli.usage': `用法：npm run whatif -- <场景.json> --vary 键=值1,值2 [--vary ...] [--faults 故障类型] [--rate N] [--max-faults N] [--max-down N] [--runs N] [--seed S] [--workers N] [--lang en|zh-CN] [--json]
      npm run whatif -- <场景.json> --search {guarantees} [--faults 故障类型] [--runs N] [--seed S] [--out 文件] [--lang en|zh-CN] [--json]`,
  'whatifCli.badLang': '--lang 必须是 en 或 zh-CN，实际是“{got}”',
  'whatifCli.noValue': '{option} 不接受值',
  'whatifCli.badNumber': '{option} 必须是不小于 {min} 的整数，实际是“{got}”',
  'whatifCli.badRate': '--rate 是每模拟分钟的故障数，必须大于 0 且不超过 600，实际是“{got}”',
  'whatifCli.badSearch': '--search 必须是 {list} 之一，实际是“{got}”',
  'whatifCli.noVary': '请至少给出一个 --vary 键=值1,值2（或使用 --search）',
  'whatifCli.notObject': '{file}：场景必须是一个 JSON 对象，实际是 {got}',
  'whatifCli.unknownSetting': '“{key}”不是实验室认识的设置：请使用 Kafka 的 broker、主题、生产者或消费者配置名，生产者或消费者应用的字段，brokers/partitions/replication.factor，或 lab.<设置>',
  'whatifCli.varyForm': '--vary 的格式是 键=值1,值2,...，实际是“{got}”',
  'whatifCli.varyEmpty': '--vary {key}：请至少给出一个值',
  'whatifCli.unknownKind': '未知的故障类型“{kind}”；可用类型：{kinds}',
  'whatifCli.noKind': '请至少给出一种故障类型（{kinds}）',
  'whatifCli.runFailed': '{file}：有一次运行失败：{reason}',
  'whatifCli.cannotWrite': '无法把反例写入 {file}：{reason}',
  'whatifCli.progress': '{done}/{total} 次运行，每秒 {rate} 次',
  'whatifCli.header': '{scenario}：每格 {runs} 次运行，种子 {seed}，故障：{faults}（每秒 {rate} 次运行）',
  'whatifCli.ownFaults': '场景自带的故障',
  'whatifCli.model': '随机时间表，类型为 {kinds}，每模拟分钟 {rate} 次，每次运行最多 {maxFaults} 个',
  'whatifCli.modelDown': '随机时间表，类型为 {kinds}，每模拟分钟 {rate} 次，每次运行最多 {maxFaults} 个，同时最多 {maxDown} 个 broker 停机',
  'whatifCli.asWritten': '（按原文件）',
  'whatifCli.cell': '{name}：每秒确认 {throughput} 条记录，确认延迟 p50 {p50} ms，p99 {p99} ms',
  'whatifCli.rate': '  {guarantee} {pct} 的运行  [{low} – {high}]  每次运行 {mean} 条记录  · {label}',
  'whatifCli.worst': { count: 'faults', other: '  最糟的一次运行：第 {run} 次（种子 {seed}），{faults} 个故障' },
  'whatifCli.notFound': '{guarantee}：{runs} 次运行中未找到。所试的每个时间表下这项保证都成立；这是证据，不是证明。',
  'whatifCli.found': { count: 'faults', other: '{guarantee}：第 {runs} 次运行打破了它；又用 {shrink} 次运行缩减到 {faults} 个故障（之后是恢复：修复网络，重启每个 broker）：' },
  'whatifCli.counts': '计数：{list}',
  'whatifCli.written': '已写入 {file}：npm run sim -- {file} 会讲述它的经过',
  'whatifCli.ceName': '{name}：{guarantee} 的反例',
  'whatifCli.ceHow': { count: 'faults', other: '由 npm run whatif -- --search {guarantee} --seed {seed} 找到：第 {run} 次运行打破了它；缩减到 {faults} 个故障，之后是恢复（修复网络，重启每个 broker）。' },
};
