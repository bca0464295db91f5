// Reads a WARC file with warcio.js (Webrecorder's reader, as replayweb.page uses it) and checks
// every record's digests: WARC-Block-Digest over the block as warcio delimits it, and
// WARC-Payload-Digest over the HTTP entity with warcio's own de-chunking. warcio.js parses but
// does not verify, so the check is here. Prints one JSON line per record; exits 1 on any
// mismatch or parse failure.
//   node tools/warcio/check_warc.mjs FILE.warc.gz
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { WARCParser, AsyncIterReader } from "warcio";

// RFC 4648 base32, as "sha1:" digests are written.
function base32(bytes) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}

const sha1 = (bytes) => "sha1:" + base32(createHash("sha1").update(bytes).digest());

function headerEnd(bytes) {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10)
      return i;
  }
  return -1;
}

async function payloadOf(block) {
  const end = headerEnd(block);
  if (end < 0) return null;
  const header = Buffer.from(block.subarray(0, end)).toString("latin1").toLowerCase();
  const body = block.subarray(end + 4);
  if (!/\r\ntransfer-encoding:[^\r\n]*chunked\s*(\r\n|$)/.test(header)) return body;
  return await new AsyncIterReader([body], null, true).readFully();
}

let failed = false;
let count = 0;
const parser = new WARCParser(createReadStream(process.argv[2]), { parseHttp: false });
for await (const record of parser) {
  count++;
  const block = await record.readFully(false);
  const result = {
    type: record.warcType,
    target: record.warcTargetURI ?? null,
    block: null,
    payload: null,
  };
  const blockDigest = record.warcHeader("WARC-Block-Digest");
  if (blockDigest) result.block = blockDigest === sha1(block);
  const payloadDigest = record.warcHeader("WARC-Payload-Digest");
  if (payloadDigest) {
    const payload = await payloadOf(block);
    result.payload = payload !== null && payloadDigest === sha1(payload);
  }
  if (result.block === false || result.payload === false) failed = true;
  console.log(JSON.stringify(result));
}
if (count === 0) failed = true;
process.exit(failed ? 1 : 0);
