import { WINDOW_ROLE_LABELS } from '../../shared/protocol/enrolment';
import { parseCli } from '../cli/args';
import { CliError, type CliCommand } from '../cli/command';
import { DATA_DIR_OPTION, openForCli } from '../cli/store-access';

/**
 * `onewindow provision --code <登记码> --hall <地址>`: enrols this workstation in a hall with the
 * one-time code the hall admin issued (the same exchange as 工位设置 → 登记到大厅). The path
 * includes `--code` so it wins over `provision <file.json>` (longest command path matches).
 */
export const provisionWithCode: CliCommand = {
  path: ['provision', '--code'],
  summary: '用大厅管理员发放的一次性登记码把本工位登记到大厅',
  usage: 'onewindow provision --code <登记码> --hall <大厅服务器地址> [--data-dir <dir>]',
  async run(args, io) {
    const { values, positionals } = parseCli(args, { ...DATA_DIR_OPTION, hall: { type: 'string' } }, this.usage);
    const code = positionals[0];
    if (!code) throw new CliError(`缺少登记码。用法：${this.usage}`, 2);
    const url = values.hall ?? io.env.ONEWINDOW_HALL_URL;
    if (!url) throw new CliError(`缺少大厅服务器地址（--hall 或环境变量 ONEWINDOW_HALL_URL）。用法：${this.usage}`, 2);
    const ws = openForCli(values['data-dir'], io);
    try {
      const s = await ws.hall.enrol(url, code, null);
      const role = s.role ? WINDOW_ROLE_LABELS[s.role] : '';
      io.out(
        `已登记到 ${s.hallName ?? ''}：${s.windowName ?? ''}（${role}${s.department ? `，${s.department}` : ''}），工位编号 ${s.workstationId ?? ''}`,
      );
      io.out('如工作站正在运行，请重新启动以加载新配置。');
      return 0;
    } finally {
      ws.close();
    }
  },
};
