/** Small DOM helpers for the console. */
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

export type ToastType = 'success' | 'info' | 'warning' | 'error';

/** A Feishu-like toast at the top of the page. */
export function toast(content: string, type: ToastType = 'info', ms = 3500): void {
  const box = $('toasts');
  const t = document.createElement('div');
  t.className = `toast ${type}`;
  t.setAttribute('role', type === 'error' ? 'alert' : 'status');
  t.textContent = content;
  box.append(t);
  setTimeout(() => t.remove(), ms);
}

/** Shanghai wall-clock time, as the county sees it. */
export function shanghai(iso: string | number | Date, withSeconds = false): string {
  return new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
  });
}

export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
