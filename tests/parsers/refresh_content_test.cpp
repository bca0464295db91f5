#include "parsers/refresh_content.hpp"

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

TEST_CASE("refresh content is read as browsers read it") {
  struct example {
    std::string_view content;
    double delay;
    std::string_view url;
  };
  const example examples[] = {
      {"5; url=/x", 5, "/x"},
      {"0;URL='http://a/'", 0, "http://a/"},
      {"3", 3, ""},
      {" 1 , url = x", 1, "x"},
      {"0; url=\"/quoted\" trailing", 0, "/quoted"},
      {"0;url='unclosed", 0, "unclosed"},
      {"1.5; url=/y", 1, "/y"},  // the fraction is ignored
      {".5;url=/z", 0, "/z"},
      {"2.;url=/z", 2, "/z"},
      {"0;/direct", 0, "/direct"},
      {"0 /spaced", 0, "/spaced"},
      {"0; 'quoted-without-label'", 0, "quoted-without-label"},
      {"0;urx", 0, "urx"},   // not the label: the URL itself
      {"0; url", 0, "url"},  // no '=': the URL itself
      {"0; u='/q'", 0, "u='/q'"},
      {"0; URL = /caps", 0, "/caps"},
      {"10;url=", 10, ""},
      {"007; url=/lead", 7, "/lead"},
      {"0;;url=/double", 0, ";url=/double"},  // only one separator is skipped
  };
  for (const auto& [content, delay, url] : examples) {
    CAPTURE_BINDING(content);
    const auto parsed = parse_refresh_content(content);
    REQUIRE(parsed.has_value());
    CHECK(parsed->delay_seconds == delay);
    CHECK(parsed->url == url);
  }
}

TEST_CASE("refresh content browsers ignore") {
  const std::string_view rejected[] = {"",   "   ", "abc",    "; url=/x",  "-1",
                                       "+1", "1x",  "url=/x", "1x; url=/x"};
  for (const auto content : rejected) {
    CAPTURE(content);
    CHECK_FALSE(parse_refresh_content(content).has_value());
  }
}

}  // namespace
}  // namespace geocrawl
