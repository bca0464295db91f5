#include "crawler/report/text_diff.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

std::string render(const text_diff& diff) {
  std::string out;
  for (const auto& piece : diff.pieces) {
    auto mark = piece.change == diff_change::same      ? "="
                : piece.change == diff_change::removed ? "-"
                                                       : "+";
    out += std::string(mark) + "[" + piece.text + "]";
  }
  return out;
}

}  // namespace

TEST_CASE("diff: words removed and added between common text") {
  auto diff = diff_words("Site under construction please come back",
                         "Site Viagra no prescription please come back");
  CHECK(render(diff) == "=[Site]-[under construction]+[Viagra no prescription]=[please come back]");
  CHECK(diff.uncompared_before == 0);
  CHECK_FALSE(diff.input_cut);
}

TEST_CASE("diff: lines are kept as tokens") {
  auto diff = diff_words("a\nb\nc", "a\nx\nc");
  CHECK(render(diff) == "=[a\n]-[b]+[x]=[\nc]");
}

TEST_CASE("diff: alike texts are one unchanged piece, and empty texts none") {
  CHECK(render(diff_words("same words", "same  words")) == "=[same words]");
  CHECK(diff_words("", "").pieces.empty());
}

TEST_CASE("diff: the LCS is bounded, what is past the bound is counted, not compared") {
  std::string before;
  std::string after;
  for (int i = 0; i < 5000; ++i) {
    before += "a" + std::to_string(i) + " ";
    after += "b" + std::to_string(i) + " ";
  }
  auto diff = diff_words(before, after, {.max_tokens = 100});
  CHECK(diff.uncompared_before == 4900);
  CHECK(diff.uncompared_after == 4900);
  CHECK(text_diff_html(diff).find("were not compared") != std::string::npos);

  auto cut = diff_words(std::string(3 << 20, 'x'), "y", {.max_input_bytes = 1 << 20});
  CHECK(cut.input_cut);
}

TEST_CASE("diff html: escaped, long unchanged runs shortened") {
  std::string common;
  for (int i = 0; i < 100; ++i) common += "w" + std::to_string(i) + " ";
  auto html = text_diff_html(diff_words(common + "<script>", common + "&amp;"));
  CHECK(html.find("<del>&lt;script&gt;</del>") != std::string::npos);
  CHECK(html.find("<ins>&amp;amp;</ins>") != std::string::npos);
  CHECK(html.find("(76 words the same)") != std::string::npos);
  CHECK(html.find("w50 ") == std::string::npos);
}

}  // namespace geocrawl
