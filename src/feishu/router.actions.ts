import { isAppError } from '../errors.js';
import { mdText, notice } from './cards/atoms.js';
import { enqueue } from './outbox.js';
import { isObject, toSender } from './router.payload.js';
import type { ActionResponse, Actor, InboundEvent, Refusal, Registry, RouterDeps } from './router.types.js';

/** What the user is told when the handler misses the deadline; the result follows as a message. */
export const FALLBACK_TOAST = '已收到，稍后在消息中告诉您结果';
export const ERROR_TOAST = '系统繁忙，请稍后再试';

type Answer = (r: ActionResponse) => void;

export function errorToast(content: string): ActionResponse {
  return { toast: { type: 'error', content } };
}

/** Reports a refusal to the audit hook; the hook's own failure never changes the user's answer. */
export async function reportRefusal(deps: RouterDeps, r: Refusal): Promise<void> {
  if (!deps.onRefusal) return;
  try {
    await deps.onRefusal(r);
  } catch (err) {
    deps.log.error({ err, eventId: r.eventId }, 'refusal not audited');
  }
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
  const refuse = (code: Refusal['code'], reason: string, actor: Actor | null = null) =>
    reportRefusal(deps, {
      kind: 'action',
      key: key.slice(0, 100),
      code,
      reason,
      actor,
      openId: operator?.openId,
      eventId: e.eventId,
    });
  if (!entry || !operator) {
    deps.log.warn({ key: key.slice(0, 100) }, 'unknown card action');
    await refuse('UNKNOWN', operator ? 'no such action' : 'no operator');
    return answer(errorToast('这个按钮已失效，请重新发起'));
  }
  const actor = await reg.resolveActor(operator, e.eventId);
  if (!actor) {
    await refuse('UNREGISTERED', 'sender not in the roster');
    return answer(errorToast('您尚未登记，请联系组织部门'));
  }
  const parsed = entry.schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const chinese = first?.message && /[\u4e00-\u9fa5]/.test(first.message);
    const where = first?.path.map(String).join('.') ?? '';
    await refuse('INVALID', `invalid payload at ${where || '(root)'}: ${first?.message ?? ''}`.slice(0, 300), actor);
    return answer(errorToast(chinese ? first.message : '提交的内容有误，请检查后重试'));
  }
  try {
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
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') await refuse('FORBIDDEN', err.message, actor);
    throw err;
  }
  answer({});
}

/** Where an answer that missed the callback goes: the card patched, or a message to the operator. */
export function lateAnswer(deps: RouterDeps, e: InboundEvent): (r: ActionResponse) => Promise<void> {
  const openId = toSender(e.event?.operator)?.openId;
  const messageId = e.event?.context?.open_message_id;
  return async (r) => {
    if (r.card && typeof messageId === 'string')
      await enqueue(deps.db, { kind: 'patch', messageId, card: r.card.data });
    if (openId && (r.toast || !r.card)) {
      const failed = r.toast?.type === 'error';
      const title = failed ? '操作未完成' : '操作已完成';
      const text = r.toast ? mdText(r.toast.content) : '您刚才在卡片上的操作已处理完成。';
      await enqueue(deps.db, { kind: 'send', to: { openId }, card: notice(title, text, failed ? 'red' : 'green') });
    }
    deps.outboxWake();
  };
}

/**
 * Resolves with the first answer: the work's, or the fallback at the deadline. The work goes on after the
 * deadline and its result is not dropped: the first answer it gives then (or its error) goes to `late`.
 * `track` keeps the still-running work visible to Router.idle().
 */
export function withDeadline(
  deps: Pick<RouterDeps, 'log' | 'ackDeadlineMs'>,
  eventId: string,
  work: (answer: Answer) => Promise<void>,
  track: (running: Promise<unknown>) => void,
  late: (r: ActionResponse) => Promise<void>,
): Promise<ActionResponse> {
  const deadline = deps.ackDeadlineMs ?? 2500;
  return new Promise<ActionResponse>((resolve) => {
    let answered = false;
    let followed: Promise<void> | null = null;
    const answer = (r: ActionResponse) => {
      if (!answered) {
        answered = true;
        clearTimeout(timer);
        return resolve(r);
      }
      if (timedOut && !followed) {
        followed = late(r).catch((err) => deps.log.error({ err, eventId }, 'late card answer not queued'));
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      deps.log.warn({ eventId }, 'card action still running at deadline; its result follows as a message');
      answer({ toast: { type: 'info', content: FALLBACK_TOAST } });
      timedOut = true;
    }, deadline);
    const running = work(answer)
      .catch((err) => {
        if (isAppError(err)) return answer(errorToast(err.message));
        deps.log.error({ err, eventId }, 'card action failed');
        answer(errorToast(ERROR_TOAST));
      })
      .then(() => followed);
    track(running);
  });
}
