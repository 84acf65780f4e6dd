/**
 * Reads an xlsx's zip central directory (no decompression) and refuses, with a Chinese reason, what must not
 * reach the parser: not a zip, an old .xls, not an Excel workbook, too many parts, or parts that decompress
 * beyond the limits (a decompression bomb). Microseconds of CPU, whatever the declared sizes.
 */
import { mb, type XlsxLimits } from './xlsx.limits.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  flags: number;
  /** Offset of the local header, and of the entry's central directory record. */
  localOffset: number;
  cdOffset: number;
  cdLength: number;
}

export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const NOT_XLSX = '文件已损坏或不是 Excel .xlsx 文件，请用 Excel 或 WPS 打开确认后另存为 .xlsx 再发送';

function findEocd(data: Buffer): number {
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) if (data.readUInt32LE(i) === EOCD) return i;
  return -1;
}

/** The central directory's entries, or why the file is not a readable zip. */
export function readCentralDirectory(data: Buffer): ZipEntry[] | string {
  if (data.length >= 8 && data.subarray(0, 8).equals(OLE))
    return '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再发送';
  if (data.length < 22 || data.readUInt32LE(0) !== 0x04034b50) return NOT_XLSX;
  const eocd = findEocd(data);
  if (eocd < 0) return `${NOT_XLSX}（文件不完整）`;
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const offset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return '文件过大（ZIP64 格式），无法导入';
  if (offset + size > eocd) return `${NOT_XLSX}（文件不完整）`;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || data.readUInt32LE(p) !== CDH) return `${NOT_XLSX}（目录损坏）`;
    const nameLen = data.readUInt16LE(p + 28);
    const skip = 46 + nameLen + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    if (p + skip > eocd) return `${NOT_XLSX}（目录损坏）`;
    entries.push({
      name: data.toString('utf8', p + 46, p + 46 + nameLen),
      method: data.readUInt16LE(p + 10),
      compressed: data.readUInt32LE(p + 20),
      uncompressed: data.readUInt32LE(p + 24),
      flags: data.readUInt16LE(p + 8),
      localOffset: data.readUInt32LE(p + 42),
      cdOffset: p,
      cdLength: skip,
    });
    p += skip;
  }
  return entries;
}

/** The whole pre-parse check: file size, zip directory, declared decompressed sizes and ratios. */
export function checkXlsxZip(data: Buffer, limits: XlsxLimits): ZipCheck {
  if (data.length > limits.maxFileBytes) {
    return {
      ok: false,
      reason: `文件过大（${mb(data.length)}），单个表格请不超过 ${mb(limits.maxFileBytes)}，可拆分后分批发送`,
    };
  }
  const entries = readCentralDirectory(data);
  if (typeof entries === 'string') return { ok: false, reason: entries };
  if (entries.length > limits.maxEntries)
    return { ok: false, reason: `文件结构异常（包含 ${entries.length} 个部件），无法导入` };
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    return { ok: false, reason: '该文件不是 Excel 工作簿（可能是改了扩展名的其他文件），请发送 .xlsx 表格' };
  }
  let total = 0;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8)
      return { ok: false, reason: '文件使用了不支持的压缩方式，请用 Excel 或 WPS 另存为 .xlsx 后再发送' };
    total += e.uncompressed;
    const ratio = e.uncompressed / Math.max(1, e.compressed);
    if (e.uncompressed > 1024 * 1024 && ratio > limits.maxRatio) {
      return { ok: false, reason: `文件内容异常（解压后膨胀 ${Math.round(ratio)} 倍，疑似压缩炸弹），已拒绝导入` };
    }
  }
  if (total > limits.maxUnzippedBytes) {
    return {
      ok: false,
      reason: `表格内容过大（解压后 ${mb(total)}，上限 ${mb(limits.maxUnzippedBytes)}），请拆分后分批发送`,
    };
  }
  return { ok: true, entries };
}
