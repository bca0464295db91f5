#pragma once
// Why a view failed when neither the dial (proxies/dial_error.hpp) nor the fetch
// (crawler/http/fetch_error.hpp) says: the view records it rather than the crawl stopping.
#include <type_traits>

#include <boost/system/error_code.hpp>

#include "proxies/coded_category.hpp"

namespace geocrawl {

enum class view_errc {
  internal = 1,  // fetching or analysing the view threw something unexpected
};

const coded_category& view_category() noexcept;

inline boost::system::error_code make_error_code(view_errc code) noexcept {
  return {static_cast<int>(code), view_category()};
}

}  // namespace geocrawl

template <>
struct boost::system::is_error_code_enum<geocrawl::view_errc> : std::true_type {};
