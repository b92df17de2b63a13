/**
 * Child process of npm run bench: one throughput workload ('producer' or
 * 'consumer', argv[2]) measured once, its result as JSON on the last line.
 * Each workload runs in a process of its own, bundled or through tsx, so each
 * is the first run of its process, as in a freshly started lab worker. In one
 * process, a run after another was cheaper for reasons that are not the code
 * under test: the consumer workload found the producer's paths already
 * compiled, and any run after the first found the process warmed (a second,
 * separately loaded copy of the same bundle took ~8% less CPU than the first).
 * The bundled runs went first, so they paid for what the tsx runs got free.
 */
import { consumerGroupWorkload } from './consumerWorkload.ts';
import { producerWorkload } from './producerWorkload.ts';
import { measure } from './measure.ts';

const which = process.argv[2];
const workload = which === 'producer' ? producerWorkload() : which === 'consumer' ? consumerGroupWorkload() : null;
if (!workload) throw new Error(`throughputRun: 'producer' or 'consumer', not ${which}`);
console.log(JSON.stringify(measure(workload)));
