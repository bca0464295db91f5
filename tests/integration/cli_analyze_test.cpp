// `geocrawl analyze` on saved pages, as an analyst runs it on evidence files.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "tests/support/legacy_encoding.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

TEST_CASE("analyze --json reports charset, drugs and no-prescription language of a saved page") {
  const temp_file page(
      encode_as("<html><head><meta charset=\"euc-jp\"><title>シアリス通販</title></head>"
                "<body><p>シアリス 処方箋不要 即日発送</p></body></html>",
                "EUC-JP"),
      ".html");
  const auto result = run_geocrawl({"analyze", page.path(), "--json"});
  CHECK(result.exit_code == 0);
  const auto report = boost::json::parse(result.out).as_object();
  CHECK(report.at("charset").as_string() == "euc-jp");
  CHECK(report.at("charset_source").as_string() == "meta");
  CHECK(report.at("title").as_string() == "シアリス通販");
  CHECK(report.at("no_rx").as_bool());
  const auto& drugs = report.at("drugs").as_array();
  REQUIRE_FALSE(drugs.empty());
  CHECK(drugs[0].as_object().at("drug").as_string() == "tadalafil");
}

TEST_CASE("analyze honours --content-type and prints a readable report") {
  const temp_file page(
      encode_as("<p>Виагра без рецепта, доставка по всему миру</p>", "windows-1251"), ".html");
  const auto result =
      run_geocrawl({"analyze", page.path(), "--content-type", "text/html; charset=windows-1251"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("windows-1251 (from header)") != std::string::npos);
  CHECK(result.out.find("sildenafil") != std::string::npos);
}

TEST_CASE("analyze names a file it cannot read and exits 2") {
  const auto result = run_geocrawl({"analyze", "/nonexistent/page.html"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("cannot open /nonexistent/page.html") != std::string::npos);
}

}  // namespace geocrawl::testing
