#pragma once
// Long URLs in a narrow table cell. Two views' final URLs usually share a long prefix (scheme,
// host, a path) and differ after it; cutting both to their first characters would show two
// identical cells, so a shortened URL keeps the part that tells it apart.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

// Where the URLs first differ: the length of their common prefix (a lone URL's whole length:
// it differs nowhere); 0 for none.
std::size_t first_difference(const std::vector<std::string_view>& urls);

// `url` in at most `width` characters (URLs in canonical form are ASCII): whole when it fits;
// else from a little before `differs_at` on, or its end when it differs nowhere before the
// end. "~" marks each cut.
std::string shortened_url(std::string_view url, std::size_t width, std::size_t differs_at);

}  // namespace geocrawl
