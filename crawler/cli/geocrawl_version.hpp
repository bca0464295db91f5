#pragma once
// The one place geocrawl's version is written: --version prints it, WARC files carry it.
#include <string_view>

namespace geocrawl {

inline constexpr std::string_view geocrawl_version = "0.1.0";

}  // namespace geocrawl
