#pragma once
// The digests of a record (WARC/1.1 sections 5.8 and 5.9) and the payload of an HTTP message
// they are taken over.
//
// SHA-1 in base32 ("sha1:…"), as wget, Heritrix, warcio and pywb's deduplication write and
// expect: readers compare digests as text, so one written in another form would not match
// theirs. (The store keeps each body's SHA-256 beside it for anyone who needs a stronger hash.)
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {

// "sha1:" and the base32 (RFC 4648, padded) SHA-1 of `data`.
std::string warc_sha1_digest(std::string_view data);

// The entity of an HTTP message as WARC-Payload-Digest covers it: the bytes after the header
// with any chunked transfer coding removed (iipc/warc-specifications #22), any content coding
// (gzip, br) kept. A message cut short yields what arrived of its entity; none when the header
// did not arrive whole.
std::optional<std::string> http_payload(std::string_view message);

}  // namespace geocrawl
