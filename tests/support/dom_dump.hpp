// Debian's Chromium opening a report page from file:// and printing its DOM after load, kept
// off the network (an unusable proxy on 127.0.0.1, no name resolution) and under a time limit.
// Shared by the report renderer's browser test and the `geocrawl report` test.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tests/support/child_process.hpp"

namespace geocrawl::testing {

inline constexpr std::string_view chromium = "/usr/bin/chromium";

// `page` may end in a fragment ("index.html#verdict=cloaked"). Chromium's log, where a
// Content-Security-Policy refusal shows, is the result's err.
command_result dump_dom(const std::filesystem::path& page, const std::filesystem::path& profile);

}  // namespace geocrawl::testing
