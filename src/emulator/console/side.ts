import type { User } from './api.js';
import { esc } from './html.js';
import { $ } from './ui.js';

const ROLE_NAMES: Record<string, string> = {
  org_admin: '组织部门',
  county_leader: '县级领导',
  unit_main_leader: '单位主要领导',
  unit_deputy_leader: '单位分管领导',
  unit_party_org: '单位党组织',
  domain_dept: '领域主管部门',
  discipline_liaison: '纪委/信访',
  cadre: '年轻干部',
};

export const roleText = (roles: string[]) => roles.map((r) => ROLE_NAMES[r] ?? r).join('、');

const MAX_SHOWN = 100;

/** The identity picker: demo personas first, then a searchable list of everyone. */
export function setupSide(all: User[], onPick: (u: User) => void): { mark(openId: string): void } {
  const featured = all.filter((u) => u.note);
  const box = $('featured');
  box.innerHTML = featured.length
    ? `<details open><summary>推荐体验身份（${featured.length}）</summary>${featured
        .map(
          (u) =>
            `<button type="button" data-oid="${esc(u.open_id)}" title="${esc(u.note)}">${esc(u.name)}<small>${esc(u.unit)} · ${esc(u.note)}</small></button>`,
        )
        .join('')}</details>`
    : '';
  const list = $('user-list');
  const search = $<HTMLInputElement>('user-search');
  const render = () => {
    const q = search.value.trim().toLowerCase();
    const hits = q
      ? all.filter((u) => [u.name, u.unit, roleText(u.roles), ...u.roles].some((f) => f.toLowerCase().includes(q)))
      : all;
    list.innerHTML = hits
      .slice(0, MAX_SHOWN)
      .map(
        (u) =>
          `<li data-oid="${esc(u.open_id)}">${esc(u.name)}<small>${esc(u.unit)}${u.roles.length ? ` · ${esc(roleText(u.roles))}` : ''}</small></li>`,
      )
      .join('');
    $('user-count').textContent =
      `共 ${all.length} 人${q ? `，匹配 ${hits.length} 人` : ''}${hits.length > MAX_SHOWN ? `，显示前 ${MAX_SHOWN} 人` : ''}`;
  };
  search.addEventListener('input', render);
  const byId = new Map(all.map((u) => [u.open_id, u]));
  const pick = (e: Event) => {
    const oid = (e.target as HTMLElement).closest<HTMLElement>('[data-oid]')?.dataset.oid;
    const u = oid && byId.get(oid);
    if (u) onPick(u);
  };
  list.addEventListener('click', pick);
  box.addEventListener('click', pick);
  render();
  return {
    mark(openId) {
      for (const el of document.querySelectorAll<HTMLElement>('#side [data-oid]'))
        el.classList.toggle('active', el.dataset.oid === openId);
    },
  };
}
