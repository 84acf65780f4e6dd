import { type Card, notice } from '../../feishu/cards/atoms.js';

export const joinedCard = (): Card =>
  notice(
    '青苗已加入本群',
    '大家好，我是青苗，负责年轻干部"选育管用"工作的提醒与汇总。\n' +
      '若本群是**领导群**，请组织部门管理员在群内 @青苗 发送「设为领导群」，周报和工作进展将推送到本群。',
    'green',
  );

export const leadersSetCard = (name: string): Card =>
  notice(
    '已设为领导群',
    `「${name || '本群'}」已设为领导群，今后的领导周报、逾期谈话汇总和工作进展报告将推送到本群。`,
    'green',
  );

export const groupOnlyCard = (): Card =>
  notice('请在群聊中操作', '「设为领导群」需要在目标群聊中 @青苗 发送。', 'orange');
