// What 7-Zip does not tell us about a RAR archive, read from its block headers: whether the
// headers themselves are encrypted (7-Zip would ask for a password), and the raw bytes of RAR 4
// names stored without the Unicode flag (WinRAR on a Chinese Windows writes them in GBK; 7-Zip's
// WebAssembly build decodes them as UTF-8 and loses them). Only headers are read here, never data.
import { RAR_MAGIC, startsWith } from './magic.ts';

export type RarHeaderInfo = {
  version: 4 | 5;
  headersEncrypted: boolean;
  /** RAR 4 file entries in header order (directories excluded); empty for RAR 5. */
  files: { rawName: Buffer; unicode: boolean }[];
};

const RAR4_SIGNATURE_LENGTH = 7;
const RAR5_SIGNATURE = Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1');

const RAR4_MAIN_HEAD = 0x73;
const RAR4_FILE_HEAD = 0x74;
const RAR4_END = 0x7b;
const MHD_PASSWORD = 0x0080;
const LHD_LARGE = 0x0100;
const LHD_UNICODE = 0x0200;
const LHD_WINDOWMASK = 0x00e0;
const LHD_DIRECTORY = 0x00e0;
const LONG_BLOCK = 0x8000;

/** Finds the signature (self-extracting archives put a stub before it). */
function signatureOffset(content: Buffer): number {
  if (startsWith(content, RAR_MAGIC)) return 0;
  const at = content.subarray(0, 1024 * 1024).indexOf(RAR_MAGIC);
  return at;
}

function readRar5Vint(content: Buffer, offset: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 10 && offset + i < content.length; i++) {
    const b = content[offset + i];
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return { value, next: offset + i + 1 };
  }
  return null;
}

function rar5Info(content: Buffer, start: number): RarHeaderInfo {
  // The first block after the signature is the archive encryption header (type 4) when the
  // headers are encrypted; otherwise the main archive header (type 1).
  const size = readRar5Vint(content, start + RAR5_SIGNATURE.length + 4);
  const type = size ? readRar5Vint(content, size.next) : null;
  return { version: 5, headersEncrypted: type?.value === 4, files: [] };
}

function rar4Info(content: Buffer, start: number): RarHeaderInfo {
  const info: RarHeaderInfo = { version: 4, headersEncrypted: false, files: [] };
  let pos = start + RAR4_SIGNATURE_LENGTH;
  while (pos + 7 <= content.length) {
    const type = content[pos + 2];
    const flags = content.readUInt16LE(pos + 3);
    const headSize = content.readUInt16LE(pos + 5);
    if (headSize < 7) break;
    if (type === RAR4_MAIN_HEAD && flags & MHD_PASSWORD) {
      info.headersEncrypted = true;
      break;
    }
    let addSize = 0;
    if (flags & LONG_BLOCK && pos + 11 <= content.length) addSize = content.readUInt32LE(pos + 7);
    if (type === RAR4_FILE_HEAD && pos + 32 <= content.length) {
      const nameSize = content.readUInt16LE(pos + 26);
      const nameStart = pos + 32 + (flags & LHD_LARGE ? 8 : 0);
      const high = flags & LHD_LARGE && pos + 40 <= content.length ? content.readUInt32LE(pos + 32) : 0;
      addSize += high * 2 ** 32;
      if (nameStart + nameSize > content.length) break;
      if ((flags & LHD_WINDOWMASK) !== LHD_DIRECTORY) {
        info.files.push({ rawName: Buffer.from(content.subarray(nameStart, nameStart + nameSize)), unicode: (flags & LHD_UNICODE) !== 0 });
      }
    }
    if (type === RAR4_END) break;
    pos += headSize + addSize;
  }
  return info;
}

/** null when the bytes are no RAR archive. */
export function rarHeaderInfo(content: Buffer): RarHeaderInfo | null {
  const start = signatureOffset(content);
  if (start < 0) return null;
  if (startsWith(content, RAR5_SIGNATURE, start)) return rar5Info(content, start);
  return rar4Info(content, start);
}
