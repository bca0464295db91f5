#include "crawler/http/fetch_error.hpp"

#include <doctest/doctest.h>

#include "crawler/view/view_errc.hpp"

namespace geocrawl {

namespace {

// Every dial_errc, fetch_errc and view_errc: their values run from 1 to the last.
std::vector<boost::system::error_code> every_view_error_code() {
  std::vector<boost::system::error_code> codes;
  for (int value = 1; value <= static_cast<int>(dial_errc::no_proxy_for_country); ++value) {
    codes.push_back(make_error_code(static_cast<dial_errc>(value)));
  }
  for (int value = 1; value <= static_cast<int>(fetch_errc::decode); ++value) {
    codes.push_back(make_error_code(static_cast<fetch_errc>(value)));
  }
  codes.push_back(make_error_code(view_errc::internal));
  return codes;
}

}  // namespace

TEST_CASE("each view error reads back from the short code it is written as") {
  for (const auto& code : every_view_error_code()) {
    CAPTURE(code);
    const auto word = short_code(code);
    REQUIRE(word != "unknown");
    const auto read = parse_view_error_code(word);
    REQUIRE(read);
    CHECK(short_code(*read) == word);
    // The one word two categories share: the text cannot tell a dial timeout from a fetch one.
    if (code != dial_errc::timeout) CHECK(*read == code);
  }
  CHECK(parse_view_error_code("timeout") == make_error_code(fetch_errc::timeout));
}

TEST_CASE("the short codes are the words analysts filter on") {
  CHECK(short_code(make_error_code(dial_errc::no_proxy_for_country)) == "no_proxy_for_country");
  CHECK(short_code(make_error_code(fetch_errc::too_many_redirects)) == "too_many_redirects");
  CHECK(short_code(make_error_code(view_errc::internal)) == "internal");
  CHECK(short_code(make_error_code(boost::system::errc::timed_out)) == "unknown");
}

TEST_CASE("a word that names no view error is rejected") {
  CHECK_FALSE(parse_view_error_code("unknown"));
  CHECK_FALSE(parse_view_error_code("Timeout"));
  CHECK_FALSE(parse_view_error_code(""));
}

}  // namespace geocrawl
