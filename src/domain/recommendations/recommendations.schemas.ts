/** zod schemas of the recommendation cards' payloads, with the Chinese messages users see. */
import { z } from 'zod';
import { EDUCATIONS } from '../../db/schema/org.js';
import { POOL_TIERS } from '../../db/schema/pool.js';
import { REC_BASES, REC_LISTS } from '../../db/schema/recommendations.js';

const text = (label: string, minLen = 5) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .min(minLen, `${label}不少于${minLen}个字`)
    .max(1000, `${label}不超过1000个字`);

export const id = (label = '记录') =>
  z.coerce
    .number({ message: `${label}无效` })
    .int()
    .positive(`${label}无效`);
export const list = z.enum(REC_LISTS, { message: '请选择推荐清单' });

export const recText = z.object({
  reason: text('推荐理由'),
  achievements: text('主要实绩'),
  evaluation: text('综合评价'),
  basis: z.enum(REC_BASES, { message: '请选择推荐依据' }).optional(),
});

export const searchSchema = z.object({
  list,
  q: z.string().trim().max(30, '关键字太长').optional().default(''),
});
export const listOnly = z.object({ list });
export const formSchema = z.object({ list, personId: id('候选人') });
export const submitSchema = recText.extend({ list, personId: id('候选人') });

export const newPersonSchema = recText.extend({
  list,
  name: z
    .string({ message: '请填写姓名' })
    .trim()
    .min(2, '姓名至少2个字')
    .max(20, '姓名太长')
    .regex(/^[\u4e00-\u9fa5·]+$/, '姓名应为中文'),
  idNumber: z
    .string({ message: '请填写身份证号' })
    .trim()
    .regex(/^\d{17}[\dXx]$/, '身份证号应为18位'),
  education: z.enum(EDUCATIONS, { message: '请选择学历' }),
  unitId: id('单位'),
  position: z.string({ message: '请填写职务' }).trim().min(2, '请填写职务').max(50, '职务太长'),
  mobile: z
    .string()
    .trim()
    .regex(/^(1\d{10})?$/, '手机号应为11位数字')
    .optional(),
});

export const reviewSchema = z.object({ id: id('推荐') });
export const acceptSchema = z.object({
  id: id('推荐'),
  tier: z.enum(POOL_TIERS, { message: '请选择入库层级' }),
});
export const declineSchema = z.object({
  id: id('推荐'),
  declineReason: z.string({ message: '请填写不予入库的理由' }).trim().min(2, '请填写不予入库的理由').max(500),
});
export const pageSchema = z.object({ page: z.coerce.number().int().min(0).max(10_000).default(0) });
