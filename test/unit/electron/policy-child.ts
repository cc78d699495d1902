/** A process with the fault policy: a stray rejection and a stray throw, then proof of life. */
import { installFaultPolicy } from '../../../electron/process-policy';

let reports = 0;
let clock = 0;
installFaultPolicy({ processKind: 'test', report: () => reports++, now: () => clock, reportIntervalMs: 1000 });
void Promise.reject(new Error('证件号 110101199003070011 的读卡失败'));
setTimeout(() => {
  throw new Error('a device callback threw');
}, 5);
setTimeout(() => {
  clock = 5000;
  void Promise.reject(new Error('later'));
}, 20);
setTimeout(() => process.stdout.write(JSON.stringify({ alive: true, reports }) + '\n'), 60);
