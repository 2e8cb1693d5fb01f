import chardet from 'chardet';
import iconv from 'iconv-lite';
import { fail } from '../../../schema/errors.js';

/**
 * Text files from bureaus come as UTF-8 (with or without a byte-order mark) or, saved by Excel
 * or WPS on Chinese Windows, as GBK/GB18030. Strict UTF-8 is tried first (GBK text is almost
 * never valid UTF-8), then GB18030, a superset of GBK and GB2312. A file that neither decodes
 * cleanly is refused rather than imported as mojibake; `--encoding` forces a charset.
 */
export interface Decoded {
  text: string;
  encoding: string;
}

const REPLACEMENT = '\uFFFD';
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeFile(bytes: Buffer, file: string, forced?: string): Decoded {
  if (forced) {
    if (!iconv.encodingExists(forced))
      fail('VALIDATION', `--encoding ${forced} is not an encoding this tool knows; use utf-8 or gb18030 (未知编码)`);
    return clean(iconv.decode(bytes, forced, { stripBOM: true }), file, forced, true);
  }
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) return clean(strictUtf8(bytes.subarray(3), file), file, 'utf-8 (BOM)');
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return clean(iconv.decode(bytes, 'utf-16le', { stripBOM: true }), file, 'utf-16le', true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return clean(iconv.decode(bytes, 'utf-16be', { stripBOM: true }), file, 'utf-16be', true);
  const utf8 = decodesAsUtf8(bytes);
  if (utf8 !== null) return clean(utf8, file, 'utf-8');
  // Not UTF-8: what Chinese Windows saves.
  const text = iconv.decode(bytes, 'gb18030');
  if (!text.includes(REPLACEMENT)) return { text, encoding: 'gb18030' };
  const guess = chardet.detect(bytes);
  fail(
    'VALIDATION',
    `${file} is neither UTF-8 nor GBK/GB18030 text${guess ? ` (it looks like ${guess})` : ''}; save it as "CSV UTF-8" or pass --encoding NAME` +
      ` (文件编码无法识别：请另存为 UTF-8 编码的 CSV，或用 --encoding 指定编码)`,
  );
}

function decodesAsUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function strictUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(
      'VALIDATION',
      `${file} starts with a UTF-8 byte-order mark but is not valid UTF-8; save it again as "CSV UTF-8" (文件不是有效的 UTF-8 编码)`,
    );
  }
}

/** Refuses text holding U+FFFD: a character lost before or while decoding must not be stored. */
function clean(text: string, file: string, encoding: string, decodedLossy = false): Decoded {
  const at = text.indexOf(REPLACEMENT);
  if (at >= 0) {
    const line = text.slice(0, at).split('\n').length;
    const why = decodedLossy
      ? `bytes that are not valid ${encoding}`
      : 'a replacement character (U+FFFD) where a character was already lost';
    fail(
      'VALIDATION',
      `${file} line ${line} holds ${why}; fix the file or pass the right --encoding (第 ${line} 行含有无法识别的字符，请检查文件编码)`,
    );
  }
  return { text, encoding };
}
