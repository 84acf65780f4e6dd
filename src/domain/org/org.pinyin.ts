import { pinyin } from 'pinyin-pro';

export interface NamePinyin {
  /** 'chensiyu' */
  full: string;
  /** 'csy' */
  initials: string;
}

const cache = new Map<string, NamePinyin>();

/** Pinyin of a person's name (surname readings, e.g. 曾 = zeng), lower case, no tones, no spaces. */
export function namePinyin(name: string): NamePinyin {
  const hit = cache.get(name);
  if (hit) return hit;
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' }).map((s) =>
    s.toLowerCase().replace(/[^a-z]/g, ''),
  );
  const value = { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
  if (cache.size > 50_000) cache.clear();
  cache.set(name, value);
  return value;
}
