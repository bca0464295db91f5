#pragma once
// An error category whose values each have a stable short code: the word written to JSON
// and SQLite, where analysts filter on it. The categories of dial_errc, fetch_errc and
// view_errc derive from it, so a view's error_code becomes its word without knowing which
// layer defined it: the store and the verdict sit beside the network layers, not above them.
// Plain: no network headers, so those layers may include it.
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>

#include <boost/system/error_code.hpp>

namespace geocrawl {

class coded_category : public boost::system::error_category {
 public:
  // The short code of `value`; "unknown" for a value the category does not define.
  std::string_view short_code(int value) const noexcept {
    const auto index = static_cast<std::size_t>(value) - 1;
    return value >= 1 && index < codes_.size() ? codes_[index] : "unknown";
  }

  // The value whose short code is `word`; nullopt for any other word.
  std::optional<int> value_of(std::string_view word) const noexcept {
    for (std::size_t i = 0; i < codes_.size(); ++i) {
      if (codes_[i] == word) return static_cast<int>(i) + 1;
    }
    return std::nullopt;
  }

 protected:
  // codes[i] is the short code of value i + 1: every enum starts at 1, 0 being success.
  explicit constexpr coded_category(std::span<const std::string_view> codes) noexcept
      : codes_(codes) {}
  ~coded_category() = default;

 private:
  std::span<const std::string_view> codes_;
};

// The short code of an error of a coded_category; "unknown" for any other category.
inline std::string_view short_code(const boost::system::error_code& code) noexcept {
  const auto* coded = dynamic_cast<const coded_category*>(&code.category());
  return coded ? coded->short_code(code.value()) : "unknown";
}

// The error of one of `categories` whose short code is `word`, the first that has it;
// nullopt when none does.
inline std::optional<boost::system::error_code> parse_short_code(
    std::string_view word, std::initializer_list<const coded_category*> categories) noexcept {
  for (const auto* category : categories) {
    if (const auto value = category->value_of(word))
      return boost::system::error_code(*value, *category);
  }
  return std::nullopt;
}

}  // namespace geocrawl
