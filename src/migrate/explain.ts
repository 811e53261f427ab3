import { tail } from '../io/exec.js';

/**
 * What went wrong in a dump-to-restore stream, in one message that names the side that failed and
 * says what state the target is in.
 */
export function explain(
  r: {
    producer: { code: number | null; signal: NodeJS.Signals | null; stderr: string };
    consumer: { code: number | null; signal: NodeJS.Signals | null; stderr: string };
    aborted: boolean;
    bytes: number;
  },
  dumpTool: string,
  restoreTool: string,
): string {
  if (r.aborted)
    return `stopped on request after ${r.bytes} bytes; both sides were ended. The target holds a partial copy: run again with --force to start clean.`;
  if (r.consumer.code !== 0) {
    const why = r.consumer.signal
      ? `was killed (${r.consumer.signal})`
      : `failed: ${tail(r.consumer.stderr) || `exit ${r.consumer.code}`}`;
    return `${restoreTool} on the target ${why}. The dump was stopped. The target holds a partial copy: run again with --force to start clean. The source was only read.`;
  }
  return `${dumpTool} on the source failed: ${tail(r.producer.stderr) || `exit ${r.producer.code}`}. The restore was stopped before it could finish; run again with --force once the source is reachable. The source was only read.`;
}
