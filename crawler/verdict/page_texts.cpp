#include "crawler/verdict/page_texts.hpp"

namespace geocrawl {

const std::string* page_texts::keep(std::string text) {
  return &texts_.try_emplace(std::move(text)).first->first;
}

double page_texts::similarity(const std::string* a, const std::string* b) {
  if (a == b) return 1;
  return geocrawl::similarity(fingerprint_of(a), fingerprint_of(b));
}

double page_texts::length_ratio(const std::string* a, const std::string* b) {
  if (a == b) return 1;
  return geocrawl::length_ratio(fingerprint_of(a), fingerprint_of(b));
}

const text_fingerprint& page_texts::fingerprint_of(const std::string* text) {
  auto& fingerprint = texts_.find(*text)->second;
  if (!fingerprint) {
    fingerprint = fingerprint_text(*text);
    ++fingerprints_taken_;
  }
  return *fingerprint;
}

}  // namespace geocrawl
