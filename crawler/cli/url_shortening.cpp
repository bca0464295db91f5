#include "crawler/cli/url_shortening.hpp"

#include <algorithm>

namespace geocrawl {

namespace {

// How much of what comes before the difference stays visible, so "~/en/shop" still shows
// the path it belongs to.
constexpr std::size_t context = 8;

}  // namespace

std::size_t first_difference(const std::vector<std::string_view>& urls) {
  if (urls.empty()) return 0;
  std::size_t common = urls[0].size();
  for (const auto url : urls) {
    const auto shared = url.substr(0, common);
    common = static_cast<std::size_t>(
        std::mismatch(shared.begin(), shared.end(), urls[0].begin(), urls[0].end()).first -
        shared.begin());
  }
  return common;
}

std::string shortened_url(std::string_view url, std::size_t width, std::size_t differs_at) {
  if (url.size() <= width) return std::string(url);
  const auto differs = std::min(differs_at, url.size());
  const auto from = differs > context ? differs - context : 0;
  if (from == 0) return std::string(url.substr(0, width - 1)) + "~";
  if (url.size() - from <= width - 1) return "~" + std::string(url.substr(url.size() - width + 1));
  return "~" + std::string(url.substr(from, width - 2)) + "~";
}

}  // namespace geocrawl
