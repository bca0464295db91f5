#include "crawler/store/analysis_summary.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE(
    "an analysis summary reads back as the fields it keeps, and refuses what it did not write") {
  page_analysis analysis;
  analysis.charset = "utf-8";
  analysis.charset_source = "header";
  analysis.page.title = "\"quoted\" <title>";
  analysis.page.refresh = meta_refresh{1.5, ""};
  analysis.page.forms = {form_summary{.checkout = true}};
  analysis.page.script_redirects = {{"location", "https://elsewhere.example/"}};
  analysis.found.drugs = {{"viagra", "sildenafil", "erectile_dysfunction", 4}};
  analysis.found.signals = {"commerce_cart"};
  const auto json = analysis_summary_json(analysis);
  CHECK(analysis_from_summary(json) == analysis);

  SUBCASE("the visible text and the forms' details are not kept") {
    auto fuller = analysis;
    fuller.page.text = "visible text";
    fuller.page.forms[0].action = "https://pay.example/";
    CHECK(analysis_from_summary(analysis_summary_json(fuller)) == analysis);
  }
  SUBCASE("text that is not a summary is none, not an empty analysis") {
    CHECK_FALSE(analysis_from_summary(""));
    CHECK_FALSE(analysis_from_summary("[]"));
    CHECK_FALSE(analysis_from_summary("{\"charset\": \"utf-8\"}"));
    auto mistyped = json;
    mistyped.replace(mistyped.find("\"no_rx\":false"), 13, "\"no_rx\":\"no\"");
    CHECK_FALSE(analysis_from_summary(mistyped));
  }
}

}  // namespace geocrawl
