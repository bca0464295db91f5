#include "tests/support/legacy_encoding.hpp"

#include <stdexcept>

#include <unicode/ucnv.h>

namespace geocrawl::testing {

std::string encode_as(std::string_view utf8, const char* icu_name) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const auto length = ucnv_convert(icu_name, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                   utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("cannot encode as ") + icu_name + ": " +
                             u_errorName(status));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

}  // namespace geocrawl::testing
