#pragma once
// Why a view (or its render) failed: a typed code of a coded category and the words for it.
#include <string>

#include <boost/system/error_code.hpp>

namespace geocrawl {

struct view_error {
  // A dial_errc, fetch_errc or view_errc; written as its short code (errors/coded_category.hpp).
  boost::system::error_code code;
  std::string message;
  // The proxy failed, not the target: the view is retried through another proxy of the
  // country and this one counts towards a rest. Not stored; the code says what happened.
  bool proxy_fault = false;
};

}  // namespace geocrawl
