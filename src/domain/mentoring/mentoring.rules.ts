/**
 * 结对帮带 eligibility (pure, SPEC §5.3): a young cadre (35周岁以下) who has high education (研究生), or is a
 * 选调生, or a province/city secondee (省市派挂职). The seed: "将全县35周岁以下的高学历优秀年轻干部、选调生、
 * 省市派挂职干部等共417人纳入帮带范围" — the age limit applies to all three groups.
 */
import { EDUCATIONS } from '../../db/schema/org.js';
import { isHighEducation, isYoungCadre } from '../org/org.rules.js';

export type EligibilityReason = 'high_education' | 'xuandiao' | 'secondee';

export const ELIGIBILITY_LABELS: Record<EligibilityReason, string> = {
  high_education: '高学历',
  xuandiao: '选调生',
  secondee: '省市派挂职',
};

/** Education values that count as 高学历 (for SQL; derived from the org rule, not restated). */
export const HIGH_EDUCATIONS: string[] = EDUCATIONS.filter((e) => isHighEducation(e));

export interface EligibilityFacts {
  birthDate: string;
  education: string | null;
  isXuandiao: boolean;
  isSecondee: boolean;
}

/** Why a person is eligible on `on`; empty when not eligible. */
export function eligibilityReasons(p: EligibilityFacts, on: string, maxAge: number): EligibilityReason[] {
  if (!isYoungCadre(p.birthDate, on, maxAge)) return [];
  const reasons: EligibilityReason[] = [];
  if (isHighEducation(p.education)) reasons.push('high_education');
  if (p.isXuandiao) reasons.push('xuandiao');
  if (p.isSecondee) reasons.push('secondee');
  return reasons;
}

export const reasonsText = (r: EligibilityReason[]) => r.map((x) => ELIGIBILITY_LABELS[x]).join('、');
