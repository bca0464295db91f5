#pragma once
// One gzip member (RFC 1952) per WARC record, as WARC/1.1 Annex D recommends: a reader seeks
// to a record's offset and inflates it alone, and concatenated members are one valid .gz file.
#include <string>
#include <string_view>

namespace geocrawl {

// Throws std::runtime_error when zlib fails (it only does when out of memory).
std::string gzip_member(std::string_view data);

}  // namespace geocrawl
