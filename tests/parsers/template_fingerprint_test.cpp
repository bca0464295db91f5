#include "parsers/template_fingerprint.hpp"

#include <doctest/doctest.h>

#include "parsers/html_extract.hpp"
#include "parsers/page_references.hpp"

namespace geocrawl {
namespace {

std::string skeleton_of(std::string_view html) { return extract_document(html).skeleton; }

}  // namespace

TEST_CASE("the same kit with other text, products and links has the same skeleton") {
  const auto a = skeleton_of(
      R"(<div class="shop main"><h1>Viagra</h1><p class="price">¥4,980</p><a href="/a">buy</a></div>)");
  const auto b = skeleton_of(
      R"(<div class="main  shop"><h1>Cialis 20mg</h1><p class="price">$39</p><a href="https://x.example/">order</a></div>)");
  CHECK(a == b);
  CHECK(a.size() == 32);
}

TEST_CASE("another structure or other classes make another skeleton") {
  const auto base = skeleton_of(R"(<div class="shop"><p class="price">1</p></div>)");
  CHECK(base != skeleton_of(R"(<div class="shop"><span class="price">1</span></div>)"));
  CHECK(base != skeleton_of(R"(<div class="store"><p class="price">1</p></div>)"));
  CHECK(base != skeleton_of(R"(<div class="shop"></div><p class="price">1</p>)"));
}

TEST_CASE("elements are counted and nesting is part of the hash") {
  template_fingerprint nested;
  nested.open("div", "");
  nested.open("p", "");
  nested.close();
  nested.close();
  template_fingerprint siblings;
  siblings.open("div", "");
  siblings.close();
  siblings.open("p", "");
  siblings.close();
  CHECK(nested.elements() == 2);
  CHECK(nested.hex() != siblings.hex());
}

}  // namespace geocrawl
