#pragma once
// Where the next byte of a small set is, in a long text whose bytes are mostly not in it: a
// page's text searched for what may start a phone number or hide an e-mail address. A byte at
// a time, that search cost more than everything the contact search then did with what it
// found; here each byte of the set is looked for with memchr (which reads many bytes at once),
// and looked for again only once the search has passed where it was found.
#include <array>
#include <cstddef>
#include <string_view>

namespace geocrawl {

class byte_set_search {
 public:
  static constexpr std::size_t max_bytes = 16;

  // Throws std::invalid_argument for more than max_bytes bytes. `text` must outlive this.
  byte_set_search(std::string_view text, std::string_view bytes);

  // The first position at or after `from` holding one of the bytes; text.size() when none
  // does. Cheapest when `from` never goes back: going back searches afresh.
  std::size_t next(std::size_t from);

 private:
  static constexpr std::size_t not_searched = std::string_view::npos;

  std::string_view text_;
  std::string_view bytes_;
  // Where each byte is next at or after the last `from`: none of it lies between the two.
  std::array<std::size_t, max_bytes> found_;
  std::size_t last_from_ = 0;
};

}  // namespace geocrawl
