#include "parsers/byte_set_search.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace geocrawl {

byte_set_search::byte_set_search(std::string_view text, std::string_view bytes)
    : text_(text), bytes_(bytes) {
  if (bytes.size() > max_bytes) throw std::invalid_argument("byte_set_search: too many bytes");
  found_.fill(not_searched);
}

std::size_t byte_set_search::next(std::size_t from) {
  if (from >= text_.size()) return text_.size();
  if (from < last_from_) found_.fill(not_searched);
  last_from_ = from;
  std::size_t nearest = text_.size();
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    auto& found = found_[i];
    if (found == not_searched || found < from) {
      const auto* hit = static_cast<const char*>(
          std::memchr(text_.data() + from, bytes_[i], text_.size() - from));
      found = hit == nullptr ? text_.size() : static_cast<std::size_t>(hit - text_.data());
    }
    nearest = std::min(nearest, found);
  }
  return nearest;
}

}  // namespace geocrawl
