/**
 * How large a workbook unzips to, checked before read-excel-file unpacks it, so a small "zip
 * bomb" cannot exhaust the organiser's browser or the CLI.
 *
 * The unzipper read-excel-file uses (fflate) sizes each part's output buffer from the declared
 * uncompressed size in the zip's central directory, and drops whatever inflates past it: memory is
 * bounded by what the directory declares, so that is what `declaredSize` adds up for the parts it
 * unzips (`.xml`, `.xml.rels`), read the way fflate reads it (end record, zip64 records, count). A file that lies —
 * declares a small part whose data inflates to far more — would still cost fflate time spent
 * inflating into nothing, so `inflatesAsDeclared` inflates each such part once with the
 * platform's own DecompressionStream and stops the moment a part passes its declared size. Where
 * the platform has no DecompressionStream the directory is trusted: memory is still bounded by it.
 */

/**
 * The most a workbook's XML parts may unzip to. A sheet of 5,000 bids (the row limit) unzips to
 * about 2 MB; reading XML costs about a second a megabyte on a laptop, so this keeps even a
 * workbook at the limit to seconds, not minutes, and its memory to hundreds of MB at most.
 */
export const MAX_XLSX_UNZIPPED_BYTES = 25 * 1024 * 1024;

interface ZipEntry {
  /** Whether read-excel-file unzips it: only `.xml` and `.xml.rels` parts (not pictures). */
  read: boolean;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  offset: number;
}

const u16 = (d: Uint8Array, at: number) => (d[at] ?? 0) | ((d[at + 1] ?? 0) << 8);
const u32 = (d: Uint8Array, at: number) =>
  ((d[at] ?? 0) | ((d[at + 1] ?? 0) << 8) | ((d[at + 2] ?? 0) << 16) | ((d[at + 3] ?? 0) << 24)) >>>
  0;
const u64 = (d: Uint8Array, at: number) => u32(d, at) + u32(d, at + 4) * 0x1_0000_0000;
const MAX32 = 0xffffffff;

/** The central directory's entries, or null when there is none to read (not a zip at all). */
export function zipEntries(d: Uint8Array): ZipEntry[] | null {
  // The end record, searched backwards past at most a 65,535-byte comment, as fflate does.
  let end = d.length - 22;
  for (; u32(d, end) !== 0x06054b50; --end) {
    if (end <= 0 || d.length - end > 65558) return null;
  }
  let count = u16(d, end + 10);
  let at = u32(d, end + 16);
  let zip64 = u32(d, end - 20) === 0x07064b50;
  if (zip64) {
    const record = u32(d, end - 12);
    zip64 = u32(d, record) === 0x06064b50;
    if (zip64) {
      count = u32(d, record + 32);
      at = u32(d, record + 48);
    }
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > d.length || u32(d, at) !== 0x02014b50) return null;
    const nameLength = u16(d, at + 28);
    const extraLength = u16(d, at + 30);
    let compressedSize = u32(d, at + 20);
    let size = u32(d, at + 24);
    let offset = u32(d, at + 42);
    const extraAt = at + 46 + nameLength;
    if (zip64 && (compressedSize === MAX32 || size === MAX32 || offset === MAX32)) {
      // The zip64 extra field (id 1) holds, in order, only the sizes the header left at MAX32.
      for (let x = extraAt; x + 4 < extraAt + extraLength; x += 4 + u16(d, x + 2)) {
        if (u16(d, x) !== 1) continue;
        let field = x + 4;
        if (size === MAX32) {
          size = u64(d, field);
          field += 8;
        }
        if (compressedSize === MAX32) {
          compressedSize = u64(d, field);
          field += 8;
        }
        if (offset === MAX32) offset = u64(d, field);
        break;
      }
    }
    const name = String.fromCharCode(...d.subarray(at + 46, at + 46 + nameLength));
    const read = name.endsWith('.xml') || name.endsWith('.xml.rels');
    entries.push({ read, method: u16(d, at + 10), compressedSize, size, offset });
    at = extraAt + extraLength + u16(d, at + 32);
  }
  return entries;
}

/** What the central directory says the parts read-excel-file unzips come to. */
export const declaredSize = (entries: readonly ZipEntry[]) =>
  entries.reduce((sum, e) => sum + (e.read ? e.size : 0), 0);

/**
 * Whether every compressed part inflates to no more than it declares; undefined when this
 * platform cannot tell (no DecompressionStream). A part that will not inflate at all is false.
 */
export async function inflatesAsDeclared(
  d: Uint8Array,
  entries: readonly ZipEntry[],
): Promise<boolean | undefined> {
  if (typeof DecompressionStream !== 'function') return undefined;
  for (const entry of entries) {
    if (!entry.read || entry.method !== 8) continue;
    const start = entry.offset + 30 + u16(d, entry.offset + 26) + u16(d, entry.offset + 28);
    const data = d.slice(start, start + entry.compressedSize);
    if (!(await inflatesWithin(data, entry.size))) return false;
  }
  return true;
}

async function inflatesWithin(data: Uint8Array<ArrayBuffer>, limit: number): Promise<boolean> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const ignore = () => undefined;
  writer.write(data).catch(ignore);
  writer.close().catch(ignore);
  const reader = stream.readable.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(ignore);
        return false;
      }
    }
  } catch {
    return false;
  }
}
