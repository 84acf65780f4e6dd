/** 用's parts of the 工作进展汇报 and its block of the leaders' digest (counts only). */
import type { Deps } from '../../deps.js';
import { previousYear } from '../reports/reports.rules.js';
import type { DigestSection, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { AWARD_FOLLOW_MONTHS } from './awards/awards.rules.js';
import { awardFigures } from './awards/awards.service.js';
import { figuresFor } from './promotions/promotions.service.js';
import { share } from './structure/teams.rules.js';
import { ageLabels, structureDigest, structureOf } from './structure/teams.service.js';

export async function useReport(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]> {
  const prev = previousYear(period);
  // The 新一届班子: the township teams as elected at the last 换届 (TERM_START_DATE), when it is in the period's past.
  const term = deps.config.termStartDate;
  const [view, f, a, viewBefore, fb, ab, termView] = await Promise.all([
    structureOf(deps, scope.countyId, period.to),
    figuresFor(deps, scope.countyId, period.from, period.to),
    awardFigures(deps, scope.countyId, period.from, period.to),
    structureOf(deps, scope.countyId, prev.to),
    figuresFor(deps, scope.countyId, prev.from, prev.to),
    awardFigures(deps, scope.countyId, prev.from, prev.to),
    term <= period.to ? structureOf(deps, scope.countyId, term) : null,
  ]);
  const elected = termView && termView.township.size > 0 ? termView.township : null;
  const kinds = [...new Set(a.batches.map((b) => b.kind))];
  const awards: ReportPart = {
    chapter: '用',
    title: '表彰激励',
    order: 20,
    kept: true,
    figures: [
      { key: 'use.awards', label: '受表彰干部', value: a.awards, unit: '人', previous: ab.awards },
      {
        key: 'use.awardsPromoted',
        label: `表彰后${AWARD_FOLLOW_MONTHS}个月内提拔重用`,
        value: a.awardsPromoted,
        unit: '人',
        previous: ab.awardsPromoted,
      },
    ],
    sentences:
      a.awards > 0
        ? [
            `表彰${kinds.map((k) => `“${k}”`).join('、')}${a.awards}名，其中${a.awardsPromoted}名在表彰后${AWARD_FOLLOW_MONTHS}个月内得到提拔重用。`,
          ]
        : [],
  };
  const promotions: ReportPart = {
    chapter: '用',
    title: '提拔和职级晋升',
    order: 10,
    kept: true,
    figures: [
      {
        key: 'use.rankAdvancements',
        label: '职级晋升',
        value: f.rankAdvancements,
        unit: '人',
        previous: fb.rankAdvancements,
      },
      {
        key: 'use.youngRankAdvancements',
        label: '年轻干部晋升职级',
        value: f.youngRankAdvancements,
        unit: '人',
        previous: fb.youngRankAdvancements,
        share: f.youngRankShare,
      },
      { key: 'use.promotions', label: '提拔和进一步使用', value: f.promotions, unit: '人', previous: fb.promotions },
      {
        key: 'use.promotionsTownship',
        label: '在乡镇（街道）提拔和进一步使用',
        value: f.promotionsTownship,
        unit: '人',
        previous: fb.promotionsTownship,
      },
      {
        key: 'use.toChiefTownship',
        label: '担任乡镇党政正职',
        value: f.toChiefTownship,
        unit: '人',
        previous: fb.toChiefTownship,
      },
      {
        key: 'use.post90Promotions',
        label: '“90后”干部进入乡镇领导班子',
        value: f.post90Promotions,
        unit: '人',
        previous: fb.post90Promotions,
      },
      { key: 'use.fromPool', label: '来自年轻干部资源库', value: f.fromPool, unit: '人', previous: fb.fromPool },
    ],
    sentences: [
      `${f.youngRankAdvancements}名年轻干部晋升职级，占职级晋升总人数的${f.youngRankShare}%。`,
      `共在乡镇（街道）提拔和进一步使用${f.promotionsTownship}人，其中提拔重用${f.toChiefTownship}名乡镇干部担任乡镇党政正职。`,
      `提拔${f.promotions}名干部，其中${f.post90Promotions}名“90后”干部进入乡镇领导班子。`,
    ],
  };
  const m = view.township;
  const labels = ageLabels(deps);
  const withYoung = (v: typeof view) => v.teams.filter((t) => t.kind === 'township' && t.measures.young > 0).length;
  const teamsWithYoung = withYoung(view);
  const mb = viewBefore.township;
  const teamsWithYoungBefore = withYoung(viewBefore);
  const townships = view.teams.filter((t) => t.kind === 'township').length;
  return [
    promotions,
    {
      chapter: '用',
      title: '班子结构',
      order: 40,
      kept: true,
      figures: [
        { key: 'use.teamMembers', label: '乡镇领导班子成员', value: m.size, unit: '人', previous: mb.size },
        {
          key: 'use.teamYoung',
          label: `乡镇班子中${labels.young}`,
          value: m.young,
          unit: '人',
          previous: mb.young,
          share: share(m.young, m.size),
        },
        {
          key: 'use.teamUnder30',
          label: `乡镇班子中${labels.under30}`,
          value: m.under30,
          unit: '人',
          previous: mb.under30,
          share: share(m.under30, m.size),
        },
        {
          key: 'use.teamTownshipExperience',
          label: '现任班子具有2年以上乡镇工作经历',
          value: m.townshipExperience,
          unit: '人',
          previous: mb.townshipExperience,
          share: share(m.townshipExperience, m.size),
        },
        ...(elected
          ? [
              {
                key: 'use.termTownshipExperience',
                label: `新一届乡镇领导班子（${term}换届时）具有2年以上乡镇工作经历`,
                value: elected.townshipExperience,
                unit: '人',
                // The same elected team: the report a year earlier gave the same figure once the 换届 was past.
                previous: term <= prev.to ? elected.townshipExperience : undefined,
                share: share(elected.townshipExperience, elected.size),
              },
            ]
          : []),
        {
          key: 'use.townshipsWithYoung',
          label: `有${labels.young}成员的乡镇`,
          value: teamsWithYoung,
          unit: '个',
          previous: teamsWithYoungBefore,
        },
      ],
      sentences: [
        `乡镇领导班子中${labels.young}的${m.young}人，占${Math.round(share(m.young, m.size))}%，${labels.under30}的${m.under30}人，占${Math.round(share(m.under30, m.size))}%。`,
        elected
          ? `${term.slice(0, 4)}年换届产生的新一届乡镇领导班子${elected.size}人中，具有2年以上乡镇工作经历的干部达${elected.townshipExperience}人，占比${share(elected.townshipExperience, elected.size)}%。`
          : `具有2年以上乡镇工作经历的干部达${m.townshipExperience}人，占比${share(m.townshipExperience, m.size)}%。`,
        teamsWithYoung === townships
          ? `每个乡镇均有1名以上${labels.young}的年轻领导干部。`
          : `${townships - teamsWithYoung}个乡镇班子暂无${labels.young}的成员。`,
      ],
      charts: [
        {
          title: '乡镇班子年龄结构',
          data: [
            { label: labels.young, value: m.young },
            { label: labels.under30, value: m.under30 },
            { label: '90后', value: m.post90 },
          ],
        },
      ],
    },
    awards,
  ];
}

export async function useDigest(deps: Deps, today: string): Promise<DigestSection | null> {
  const lines = await structureDigest(deps, today);
  if (lines.length === 0) return null;
  return { title: '班子结构', order: 40, lines };
}
