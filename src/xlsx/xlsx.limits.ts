/** How big an xlsx the bot opens: checked before any parsing (file, zip directory) and while streaming (rows). */
export interface XlsxLimits {
  /** The file as sent. */
  maxFileBytes: number;
  /** All parts of the zip once decompressed, as its central directory declares them. */
  maxUnzippedBytes: number;
  /** Decompressed / compressed, for parts over 1 MB (a real sheet stays far below; a bomb is far above). */
  maxRatio: number;
  maxEntries: number;
  /** Per sheet. */
  maxRows: number;
  maxColumns: number;
  /** Wall time of the parse in its worker thread. */
  timeoutMs: number;
}

/** A 100k-row roster (about 25 columns) is well inside these. */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 30 * 1024 * 1024,
  maxUnzippedBytes: 300 * 1024 * 1024,
  maxRatio: 120,
  maxEntries: 2_000,
  maxRows: 200_000,
  maxColumns: 200,
  timeoutMs: 120_000,
};

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The limits a deployment configured (UPLOAD_MAX_*), the rest as default. */
export function uploadLimits(c: { maxFileMb: number; maxUnzippedMb: number; maxRows: number }): XlsxLimits {
  return {
    ...DEFAULT_XLSX_LIMITS,
    maxFileBytes: c.maxFileMb * 1024 * 1024,
    maxUnzippedBytes: c.maxUnzippedMb * 1024 * 1024,
    maxRows: c.maxRows,
  };
}
