/** Builds zip files by hand for upload tests: honest or lying central directories, deflate bombs. */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** Raw deflate data (method 8) or the stored bytes (method 0). */
  data: Buffer;
  method: 0 | 8;
  /** Sizes written in the headers (default: the real ones). */
  declaredUncompressed: number;
  crc?: number;
}

export const deflated = (name: string, content: string | Buffer): RawEntry => {
  const raw = Buffer.from(content);
  return { name, data: deflateRawSync(raw), method: 8, declaredUncompressed: raw.length, crc: crc32(raw) };
};

/** A deflate stream of `copies` × `chunk` built without compressing it all: one sync-flushed block repeated. */
export function repeatedDeflate(chunk: string, copies: number): Buffer {
  const block = deflateRawSync(Buffer.from(chunk), { finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: copies }, () => block), end]);
}

export function zip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt32LE(e.crc ?? 0, 14);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(e.declaredUncompressed, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, e.data);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt32LE(e.crc ?? 0, 16);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(e.declaredUncompressed, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WB_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/**
 * A decompression bomb shaped like a workbook: one sheet of `sheetMb` MB of rows in a file of about 2 MB
 * (padded with a stored part). `declareMb` makes the central directory lie about the sheet's size.
 */
export function xlsxBomb(opts: { sheetMb: number; declareMb?: number; padMb?: number }): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const row = '<row><c t="inlineStr"><is><t>炸弹</t></is></c></row>';
  const chunk = row.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(row)));
  const body = repeatedDeflate(chunk, opts.sheetMb);
  const headDeflated = deflateRawSync(Buffer.from(head), { finishFlush: constants.Z_SYNC_FLUSH });
  const sheet: RawEntry = {
    name: 'xl/worksheets/sheet1.xml',
    data: Buffer.concat([headDeflated, body]),
    method: 8,
    declaredUncompressed: Math.round((opts.declareMb ?? opts.sheetMb) * 1024 * 1024),
  };
  const pad = Buffer.alloc(Math.round((opts.padMb ?? 0.3) * 1024 * 1024), 7);
  return zip([
    deflated('[Content_Types].xml', CONTENT_TYPES),
    deflated('_rels/.rels', RELS),
    deflated('xl/workbook.xml', WORKBOOK),
    deflated('xl/_rels/workbook.xml.rels', WB_RELS),
    sheet,
    { name: 'xl/media/pad.bin', data: pad, method: 0, declaredUncompressed: pad.length, crc: crc32(pad) },
  ]);
}
