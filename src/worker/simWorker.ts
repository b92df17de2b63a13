/** The Web Worker entry: hands commands to a LabHost and posts its events back. No Kafka logic here. */
/// <reference lib="webworker" />
import { LabHost } from '../timeline/host.ts';
import type { Command, HostEvent } from '../timeline/protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new LabHost((e: HostEvent) => scope.postMessage(e), () => performance.now());
scope.onmessage = (m: MessageEvent<Command>) => host.handle(m.data);
scope.postMessage({ type: 'ready' });
