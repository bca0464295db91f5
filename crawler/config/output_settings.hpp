#pragma once
// [output]: evidence written beside the database.
#include <cstdint>
#include <string>

namespace geocrawl {

struct output_settings {
  // WARC/1.1 of every view goes here (--warc DIR overrides it); empty: no WARC.
  std::string warc_dir;
  // A file is closed and the next begun before it would pass this size.
  std::uint64_t warc_max_bytes = 1'000'000'000;
};

}  // namespace geocrawl
