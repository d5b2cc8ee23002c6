/**
 * One-time warnings about what a mini-program uses that mpk does not do (or that the platform
 * ignores unless switched on), sent as `log` warnings so they reach the host console once per
 * component or page definition rather than once per instance.
 */
import { post } from './host.ts';
import { SafeSet } from './intrinsics.ts';

const given = new SafeSet<string>();

export function warnOnce(key: string, message: string): void {
  if (given.has(key)) return;
  given.add(key);
  post({ t: 'log', level: 'warn', args: [message] });
}
