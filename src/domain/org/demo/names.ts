import type { Rng } from './prng.js';

/** Common surnames, roughly in order of frequency (weights fall off along the list). */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

const MALE = [
  ...'伟强军磊勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欣博文亮建国志峰海东晨阳毅锋成斌彬坤睿哲轩然',
];
const FEMALE = [...'芳娜敏静丽艳娟霞秀英华慧巧美娅雪琳晶妍茜婷倩颖琪瑶怡佳欣悦露璐蕾蓉萍红梅玲燕雯曼岚月萱可馨雨思'];

function surname(rng: Rng): string {
  // Squared uniform favours the front of the list, like real surname frequencies.
  const r = rng.next();
  return SURNAMES[Math.floor(r * r * SURNAMES.length)];
}

/** A fictional name: surname + one or two given-name characters. */
export function generateName(rng: Rng, gender: '男' | '女'): string {
  const pool = gender === '男' ? MALE : FEMALE;
  const given = rng.chance(0.72) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return surname(rng) + given;
}
