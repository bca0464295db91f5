#include "crawler/report/text_snippets.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("snippets: each match marked in a window of context, case ignored") {
  std::string text = "Welcome. Buy VIAGRA today, no prescription needed. Cheap.";
  auto found = find_snippets(text, {"Viagra", "no prescription"}, {.context_bytes = 8});
  REQUIRE(found.snippets.size() == 1);  // the two windows touch and are joined
  CHECK(snippets_html(text, found) ==
        "<p class=\"snippet\">…me. Buy <mark>VIAGRA</mark> today, <mark>no prescription</mark> "
        "needed.…</p>\n");
  CHECK(find_snippets(text, {"Viagra", "no prescription"}, {.context_bytes = 2}).snippets.size() ==
        2);
}

TEST_CASE("snippets: a Latin term needs word boundaries, a CJK term does not") {
  CHECK(find_snippets("a specialist says", {"cialis"}).snippets.empty());
  CHECK(find_snippets("cialis, 20mg", {"cialis"}).snippets.size() == 1);
  auto found = find_snippets("格安バイアグラ通販", {"バイアグラ"}, {.context_bytes = 3});
  REQUIRE(found.snippets.size() == 1);
  CHECK(snippets_html("格安バイアグラ通販", found) ==
        "<p class=\"snippet\">…安<mark>バイアグラ</mark>通…</p>\n");
}

TEST_CASE("snippets: the page's text is escaped around the marks") {
  std::string text = "<b>viagra</b>";
  auto found = find_snippets(text, {"viagra"});
  CHECK(snippets_html(text, found) ==
        "<p class=\"snippet\">&lt;b&gt;<mark>viagra</mark>&lt;/b&gt;</p>\n");
}

TEST_CASE("snippets: bounded in number and in how much text is searched") {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "viagra " + std::string(200, 'x') + " ";
  auto found = find_snippets(text, {"viagra"}, {.max_snippets = 3, .context_bytes = 10});
  CHECK(found.snippets.size() == 3);
  CHECK(found.more_matches);
  CHECK(snippets_html(text, found).find("More matches are not shown.") != std::string::npos);

  std::string dense;
  for (int i = 0; i < 1000; ++i) dense += "viagra ";
  auto windows = find_snippets(dense, {"viagra"}, {.max_snippets = 3, .max_snippet_bytes = 100});
  REQUIRE(windows.snippets.size() == 3);
  for (const auto& snippet : windows.snippets) {
    CHECK(snippet.window.end - snippet.window.begin <= 100);
    CHECK(snippet.marks.front().begin >= snippet.window.begin);
    CHECK(snippet.marks.back().end <= snippet.window.end);
  }
  CHECK(windows.snippets[1].window.begin == windows.snippets[0].window.end);

  std::string huge(10 << 20, 'a');
  huge += " viagra";
  auto cut = find_snippets(huge, {"viagra"});
  CHECK(cut.snippets.empty());
  CHECK(cut.search_cut);
  CHECK(snippets_html(huge, cut).find("only its start was searched") != std::string::npos);
}

TEST_CASE("snippets: a window never splits a UTF-8 character") {
  std::string text = "ééééé viagra ééééé";
  auto found = find_snippets(text, {"viagra"}, {.context_bytes = 3});
  REQUIRE(found.snippets.size() == 1);
  CHECK(snippets_html(text, found) == "<p class=\"snippet\">…é <mark>viagra</mark> é…</p>\n");
}

}  // namespace geocrawl
