#pragma once
// Finding a page's <meta http-equiv="refresh"> in its raw bytes, without building a tree:
// the fetch follows a meta refresh as a browser would, before the page is analysed. The
// scan steps over comments, scripts and raw-text elements the way the tokenizer does, so
// markup hidden in them is not taken for a refresh a browser never sees. The refresh's
// attribute text is ASCII in every encoding geocrawl reads (a URL outside ASCII is
// percent-encoded or not followed).
#include <cstddef>
#include <optional>
#include <string_view>

#include "parsers/refresh_content.hpp"

namespace geocrawl {

// The first refresh a browser would act on, within the first `max_bytes` of the page.
// Its url views `html`.
std::optional<refresh_content> find_meta_refresh(std::string_view html,
                                                 std::size_t max_bytes = 256 * 1024);

}  // namespace geocrawl
