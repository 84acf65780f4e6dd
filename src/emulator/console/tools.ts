import { systemClock } from '../../clock.js';
import { api } from './api.js';
import { esc } from './html.js';
import { jobSummary } from './job-summary.js';
import { $, shanghai, toast } from './ui.js';

/** `2026-12-22 09:00` (24 h, as the README writes it) → ISO with +08:00; null when it is not that shape. */
export function parseClockInput(v: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(v.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59)
    return null;
  const iso = `${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:00+08:00`;
  // 2026-02-30 would roll over into March: refuse instead.
  const back = new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
  return back === `${y}-${mo}-${d}` ? iso : null;
}

/** The bot's time as the clock input shows it: `yyyy-MM-dd HH:mm`, Shanghai. */
function clockInputValue(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The right-hand panel: the bot's clock, its scheduled jobs, fault injection. */
export function setupTools(onChange: () => void): { tickClock(): Promise<void> } {
  let offset = 0;
  const show = () => {
    const now = systemClock.now().getTime() + offset;
    const el = $('clock');
    el.textContent = `机器人时间 ${shanghai(now, true)}`;
    el.classList.toggle('travel', Math.abs(offset) > 60_000);
  };
  const input = $<HTMLInputElement>('clock-input');
  const tickClock = async () => {
    const c = await api.clock();
    offset = Date.parse(c.now) - systemClock.now().getTime();
    show();
    if (!input.value) input.value = clockInputValue(Date.parse(c.now));
  };
  setInterval(show, 1000);

  // After the clock moves, the jobs' next runs move with it.
  const clockChanged = async (message: string) => {
    input.value = '';
    await tickClock();
    await renderJobs();
    toast(message, 'success');
  };
  $('clock-set').addEventListener('click', async () => {
    const v = input.value.trim();
    if (!v) return toast('请先输入日期和时间，如 2026-12-22 09:00', 'warning');
    const now = parseClockInput(v);
    if (!now) return toast('时间格式应为 yyyy-MM-dd HH:mm（24 小时制），如 2026-12-22 09:00', 'warning');
    try {
      await api.setClock({ now });
      await clockChanged('机器人时间已调整');
    } catch (e: any) {
      toast(e.message, 'error');
    }
  });
  $('clock-reset').addEventListener('click', async () => {
    await api.setClock({ reset: true });
    await clockChanged('已恢复真实时间');
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
  void renderJobs();
  bindJobs(onChange);
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

const isUpkeep = (name: string) => name.startsWith('system.');

/** The job list with each job's next run from the bot's clock (called again whenever the clock changes). */
async function renderJobs(): Promise<void> {
  const list = $('jobs');
  const { jobs } = await api.jobs();
  if (jobs.length === 0) {
    list.innerHTML = '<li class="hint">暂无定时任务</li>';
    return;
  }
  // Housekeeping (system.*) last: the jobs a demo is about come first.
  const sorted = [...jobs].sort((a, b) => Number(isUpkeep(a.name)) - Number(isUpkeep(b.name)));
  list.innerHTML = sorted
    .map(
      (j) =>
        `<li${isUpkeep(j.name) ? ' class="upkeep"' : ''}><div class="job-top"><span class="job-desc" title="${esc(j.description)}">${isUpkeep(j.name) ? '<span class="badge-dev">系统维护</span>' : ''}${esc(j.description || j.name)}</span><button type="button" data-job="${esc(j.name)}">立即运行</button></div>` +
        `<code>${esc(j.name)} · ${esc(j.cron)}${j.nextRun ? ` · 下次 ${esc(shanghai(j.nextRun))}` : ''}</code></li>`,
    )
    .join('');
}

function bindJobs(onChange: () => void): void {
  $('jobs').addEventListener('click', async (e) => {
    const btn = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-job]');
    if (!btn) return;
    btn.disabled = true;
    btn.textContent = '运行中…';
    try {
      const r = await api.runJob(btn.dataset.job!);
      toast(`任务已完成：${jobSummary(btn.dataset.job!, r.result)}`, 'success', 6000);
      onChange();
      await renderJobs();
    } catch (err: any) {
      toast(`任务失败：${err.message}`, 'error', 6000);
    } finally {
      btn.disabled = false;
      btn.textContent = '立即运行';
    }
  });
}
