/**
 * The Web Worker entry: decodes commands, hands them to a LabHost, posts its
 * events back. No Kafka logic here.
 */
/// <reference lib="webworker" />
import { LabHost } from './labHost.ts';
import type { Command, HostEvent } from '../engine/protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new LabHost((e: HostEvent) => scope.postMessage(e), () => performance.now());
scope.onmessage = (m: MessageEvent<Command>) => host.handle(m.data);
scope.postMessage({ type: 'ready' });
