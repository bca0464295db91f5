#pragma once
// The texts of one site's pages (title and visible text), for comparing them. Each distinct
// text is kept once, and fingerprinted (parsers/text_similarity.hpp) only when it is compared
// with a different one: a site that served every vantage and the control the same text, as
// most sites do, needs no fingerprint at all, and a rendered page's text is never compared.
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "parsers/text_similarity.hpp"

namespace geocrawl {

class page_texts {
 public:
  // The text's one copy here, which stays put for the life of this object: two pages' texts
  // are the same exactly when their pointers are. A page without text gets the empty one.
  const std::string* keep(std::string text);

  // How alike two kept texts are, and the shorter's length over the longer's
  // (text_similarity's similarity and length_ratio): 1 and 1 for the same text, without
  // fingerprinting it.
  double similarity(const std::string* a, const std::string* b);
  double length_ratio(const std::string* a, const std::string* b);

  // How many texts were fingerprinted: what comparing by pointer saved, observable by tests.
  std::size_t fingerprints_taken() const { return fingerprints_taken_; }

 private:
  const text_fingerprint& fingerprint_of(const std::string* text);

  std::map<std::string, std::optional<text_fingerprint>, std::less<>> texts_;
  std::size_t fingerprints_taken_ = 0;
};

}  // namespace geocrawl
