/** A minimal multipart/form-data reader for the file upload endpoint (bodies are small and buffered). */
export interface Multipart {
  /** Every part as text. */
  fields: Record<string, string>;
  /** Every part as bytes (the SDK sends a Buffer file part without a filename). */
  parts: Record<string, { filename?: string; data: Buffer }>;
}

export function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]).trim() : null;
}

export function parseMultipart(body: Buffer, boundary: string): Multipart {
  const out: Multipart = { fields: {}, parts: {} };
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    readPart(body.subarray(start + 2, next - 2), out);
    pos = next;
  }
  return out;
}

function readPart(part: Buffer, out: Multipart): void {
  const split = part.indexOf('\r\n\r\n');
  if (split === -1) return;
  const head = part.subarray(0, split).toString('utf8');
  const data = part.subarray(split + 4);
  const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (!name) return;
  const filename = /\bfilename\*?="?([^";]*)"?/i.exec(disposition)?.[1];
  out.parts[name] = { filename: filename === undefined ? undefined : decodeName(filename), data: Buffer.from(data) };
  out.fields[name] = data.toString('utf8');
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/^utf-8''/i, ''));
  } catch {
    return name;
  }
}
