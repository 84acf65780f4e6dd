/**
 * A streaming xlsx reader meets the zip's parts in file order and needs the workbook (sheet names), its
 * relations and the shared strings before any sheet; writers (exceljs among them) often put workbook.xml last.
 * This copies the parts, still compressed, into that order and rebuilds the directory. No decompression.
 */
import { readCentralDirectory, type ZipEntry } from './xlsx.zip.js';

const FIRST = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];
const rank = (name: string) => {
  const i = FIRST.indexOf(name);
  return i < 0 ? FIRST.length : i;
};

/** Bytes of an entry's local record: header, name, extra, data and (flag bit 3) the data descriptor. */
function localSpan(data: Buffer, e: ZipEntry): number {
  const head = 30 + data.readUInt16LE(e.localOffset + 26) + data.readUInt16LE(e.localOffset + 28);
  let end = e.localOffset + head + e.compressed;
  if (e.flags & 0x08) end += end + 4 <= data.length && data.readUInt32LE(end) === 0x08074b50 ? 16 : 12;
  return end - e.localOffset;
}

export function workbookFirst(data: Buffer): Buffer {
  const entries = readCentralDirectory(data);
  if (typeof entries === 'string') return data;
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.name) - rank(b.e.name) || a.i - b.i);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { e } of ordered) {
    const span = localSpan(data, e);
    if (data.readUInt32LE(e.localOffset) !== 0x04034b50 || e.localOffset + span > data.length) return data;
    locals.push(data.subarray(e.localOffset, e.localOffset + span));
    const cd = Buffer.from(data.subarray(e.cdOffset, e.cdOffset + e.cdLength));
    cd.writeUInt32LE(offset, 42);
    central.push(cd);
    offset += span;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(ordered.length, 8);
  eocd.writeUInt16LE(ordered.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
