#include "crawler/verdict/page_texts.hpp"

#include <string>

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("a text is kept once: the same text is the same pointer, another is another") {
  page_texts texts;
  const auto* shop = texts.keep("Rx Shop\nsildenafil 100mg without prescription");
  CHECK(texts.keep("Rx Shop\nsildenafil 100mg without prescription") == shop);
  CHECK(texts.keep("Rx Shop\nunder construction") != shop);
  CHECK(*shop == "Rx Shop\nsildenafil 100mg without prescription");
  CHECK(texts.keep("") == texts.keep(""));
}

TEST_CASE(
    "the same text compares alike without a fingerprint, different texts as the fingerprints say") {
  page_texts texts;
  const std::string shop_text =
      "Rx Shop\nsildenafil 100mg tadalafil 20mg without prescription, shipped worldwide in "
      "discreet packages; order today and pay by card or bank transfer";
  const std::string other_text = "Rx Shop\nthis site is under construction, come back soon";
  const auto* shop = texts.keep(shop_text);
  const auto* other = texts.keep(other_text);
  const auto* empty = texts.keep("");

  CHECK(texts.similarity(shop, shop) == 1);
  CHECK(texts.length_ratio(shop, shop) == 1);
  CHECK(texts.similarity(empty, empty) == 1);
  CHECK(texts.fingerprints_taken() == 0);
  // What comparing the fingerprints of equal texts gives, too.
  CHECK(similarity(fingerprint_text(shop_text), fingerprint_text(shop_text)) == 1);
  CHECK(length_ratio(fingerprint_text(shop_text), fingerprint_text(shop_text)) == 1);

  CHECK(texts.similarity(shop, other) ==
        similarity(fingerprint_text(shop_text), fingerprint_text(other_text)));
  CHECK(texts.length_ratio(shop, other) ==
        length_ratio(fingerprint_text(shop_text), fingerprint_text(other_text)));
  CHECK(texts.similarity(shop, other) < 0.5);
  CHECK(texts.fingerprints_taken() == 2);
  // Each text is fingerprinted once however often it is compared.
  CHECK(texts.similarity(other, empty) == 0);
  CHECK(texts.similarity(shop, other) == texts.similarity(other, shop));
  CHECK(texts.fingerprints_taken() == 3);
}

}  // namespace geocrawl
