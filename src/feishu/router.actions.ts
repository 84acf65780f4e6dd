import { isAppError } from '../errors.js';
import { isObject, toSender } from './router.payload.js';
import type { ActionResponse, InboundEvent, Registry, RouterDeps } from './router.types.js';

const FALLBACK_TOAST = '正在处理，请稍候…';
export const ERROR_TOAST = '系统繁忙，请稍后再试';

type Answer = (r: ActionResponse) => void;

export function errorToast(content: string): ActionResponse {
  return { toast: { type: 'error', content } };
}

/** Finds the card action's listener, checks the operator and the value, and runs it; the caller dedups first. */
export async function handleAction(reg: Registry, deps: RouterDeps, e: InboundEvent, answer: Answer): Promise<void> {
  const action = e.event.action ?? {};
  const value = {
    ...(isObject(action.value) ? action.value : {}),
    ...(isObject(action.form_value) ? action.form_value : {}),
  };
  const key =
    typeof value.a === 'string' ? value.a : typeof action.name === 'string' ? action.name.replace(/_/g, '.') : '';
  const entry = reg.actions.get(key);
  const operator = toSender(e.event.operator);
  if (!entry || !operator) {
    deps.log.warn({ key }, 'unknown card action');
    return answer(errorToast('这个按钮已失效，请重新发起'));
  }
  const actor = await reg.resolveActor(operator, e.eventId);
  if (!actor) return answer(errorToast('您尚未登记，请联系组织部门'));
  const parsed = entry.schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const chinese = first?.message && /[\u4e00-\u9fa5]/.test(first.message);
    return answer(errorToast(chinese ? first.message : '提交的内容有误，请检查后重试'));
  }
  await entry.handler({
    eventId: e.eventId,
    token: e.event.token,
    operator,
    actor,
    value: parsed.data,
    messageId: e.event.context?.open_message_id,
    chatId: e.event.context?.open_chat_id,
    ack: (r = {}) => answer(r),
  });
  answer({});
}

/**
 * Resolves with the first answer: the work's, or the fallback at the deadline; the work may go on after.
 * `track` keeps the still-running work visible to Router.idle().
 */
export function withDeadline(
  deps: Pick<RouterDeps, 'log' | 'ackDeadlineMs'>,
  eventId: string,
  work: (answer: Answer) => Promise<void>,
  track: (running: Promise<unknown>) => void,
): Promise<ActionResponse> {
  const deadline = deps.ackDeadlineMs ?? 2500;
  return new Promise<ActionResponse>((resolve) => {
    let answered = false;
    const answer = (r: ActionResponse) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      deps.log.warn({ eventId }, 'card action still running at deadline; answered for it');
      answer({ toast: { type: 'info', content: FALLBACK_TOAST } });
    }, deadline);
    const running = work(answer).catch((err) => {
      if (isAppError(err)) return answer(errorToast(err.message));
      deps.log.error({ err, eventId }, 'card action failed');
      answer(errorToast(ERROR_TOAST));
    });
    track(running);
  });
}
