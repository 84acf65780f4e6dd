/**
 * Opening an xlsx the bot was sent: the zip checks first (file size, declared decompressed sizes, no parsing),
 * then a streamed parse in a worker thread with a memory cap and a time limit, so that a slow or hostile file
 * never blocks the event loop that answers everyone's card callbacks.
 */
import { invalid } from '../errors.js';
import { XlsxBook } from './xlsx.book.js';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits } from './xlsx.limits.js';
import { parseInWorker } from './xlsx.pool.js';
import { checkXlsxZip } from './xlsx.zip.js';

const UNREADABLE = '无法读取该文件，请确认是 Excel .xlsx 文件（.xls 请先另存为 .xlsx）';
/** Refuses (AppError `invalid`, Chinese reason) or returns the workbook's rows. */
export async function readXlsx(data: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<XlsxBook> {
  const zip = checkXlsxZip(data, limits);
  if (!zip.ok) throw invalid(zip.reason);
  const answer = await parseInWorker(data, limits);
  if (!answer.ok) throw invalid(answer.reason ?? UNREADABLE);
  return new XlsxBook(answer.book);
}
