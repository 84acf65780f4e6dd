import { systemClock } from '../../clock.js';
import { api } from './api.js';
import { esc } from './html.js';
import { $, shanghai, toast } from './ui.js';

/** The right-hand panel: the bot's clock, its scheduled jobs, fault injection. */
export function setupTools(onChange: () => void): { tickClock(): Promise<void> } {
  let offset = 0;
  const show = () => {
    const now = systemClock.now().getTime() + offset;
    const el = $('clock');
    el.textContent = `机器人时间 ${shanghai(now, true)}`;
    el.classList.toggle('travel', Math.abs(offset) > 60_000);
  };
  const tickClock = async () => {
    const c = await api.clock();
    offset = Date.parse(c.now) - systemClock.now().getTime();
    show();
  };
  setInterval(show, 1000);

  $('clock-set').addEventListener('click', async () => {
    const v = $<HTMLInputElement>('clock-input').value;
    if (!v) return toast('请先选择日期和时间', 'warning');
    try {
      await api.setClock({ now: `${v.length === 16 ? `${v}:00` : v}+08:00` });
      await tickClock();
      toast('机器人时间已调整', 'success');
    } catch (e: any) {
      toast(e.message, 'error');
    }
  });
  $('clock-reset').addEventListener('click', async () => {
    await api.setClock({ reset: true });
    await tickClock();
    toast('已恢复真实时间', 'success');
  });
  $('faults-set').addEventListener('click', async () => {
    const pct = (id: string) => Math.min(100, Math.max(0, Number($<HTMLInputElement>(id).value) || 0)) / 100;
    try {
      await api.setFaults({
        rate429: pct('f-429'),
        rate5xx: pct('f-5xx'),
        latency_ms: Math.round(Number($<HTMLInputElement>('f-lat').value) || 0),
        duplicate_events: pct('f-dup'),
        reorder_ms: Math.round(Number($<HTMLInputElement>('f-reorder').value) || 0),
      });
      toast('故障注入已更新', 'success');
    } catch (e: any) {
      toast(e.message, 'error');
    }
  });
  void loadFaults();
  void loadJobs(onChange);
  return { tickClock };
}

async function loadFaults(): Promise<void> {
  const f = await api.faults();
  $<HTMLInputElement>('f-429').value = String(Math.round(f.rate429 * 100));
  $<HTMLInputElement>('f-5xx').value = String(Math.round(f.rate5xx * 100));
  $<HTMLInputElement>('f-lat').value = String(f.latency_ms);
  $<HTMLInputElement>('f-dup').value = String(Math.round(f.duplicate_events * 100));
  $<HTMLInputElement>('f-reorder').value = String(f.reorder_ms);
}

async function loadJobs(onChange: () => void): Promise<void> {
  const list = $('jobs');
  const { jobs } = await api.jobs();
  if (jobs.length === 0) {
    list.innerHTML = '<li class="hint">暂无定时任务</li>';
    return;
  }
  list.innerHTML = jobs
    .map(
      (j) =>
        `<li><div class="job-top"><span class="job-desc" title="${esc(j.description)}">${esc(j.description || j.name)}</span><button type="button" data-job="${esc(j.name)}">立即运行</button></div>` +
        `<code>${esc(j.name)} · ${esc(j.cron)}${j.nextRun ? ` · 下次 ${esc(shanghai(j.nextRun))}` : ''}</code></li>`,
    )
    .join('');
  list.addEventListener('click', async (e) => {
    const btn = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-job]');
    if (!btn) return;
    btn.disabled = true;
    btn.textContent = '运行中…';
    try {
      const r = await api.runJob(btn.dataset.job!);
      const summary = r.result == null ? '' : `：${JSON.stringify(r.result).slice(0, 120)}`;
      toast(`任务已完成${summary}`, 'success', 5000);
      onChange();
    } catch (err: any) {
      toast(`任务失败：${err.message}`, 'error', 6000);
    } finally {
      btn.disabled = false;
      btn.textContent = '立即运行';
    }
  });
}
