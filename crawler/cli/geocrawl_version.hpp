#pragma once
// The one place geocrawl's version is written: --version prints it, WARC files carry it.
#include <string_view>

namespace geocrawl {

// GEOCRAWL_VERSION is project()'s version (CMakeLists.txt), defined for the files that say it.
inline constexpr std::string_view geocrawl_version = GEOCRAWL_VERSION;

}  // namespace geocrawl
