#include "parsers/template_fingerprint.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "parsers/ascii.hpp"

namespace geocrawl {

namespace {

// FNV's 128-bit prime, 2^88 + 2^8 + 0x3b.
constexpr fingerprint_word fnv_prime = (static_cast<fingerprint_word>(1) << 88) | 0x13b;

}  // namespace

void template_fingerprint::mix(std::string_view bytes) {
  for (const char c : bytes) {
    hash_ ^= static_cast<unsigned char>(c);
    hash_ *= fnv_prime;
  }
}

void template_fingerprint::open(std::string_view name, std::string_view class_attribute) {
  ++elements_;
  mix("<");
  mix(name);
  // Class tokens in a fixed order, once each: the skeleton, not how the template printed them.
  std::vector<std::string_view> tokens;
  for (std::size_t i = 0; i < class_attribute.size();) {
    while (i < class_attribute.size() && is_ascii_whitespace(class_attribute[i])) ++i;
    auto end = i;
    while (end < class_attribute.size() && !is_ascii_whitespace(class_attribute[end])) ++end;
    if (end > i) tokens.push_back(class_attribute.substr(i, end - i));
    i = end;
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  for (const auto token : tokens) {
    mix(".");
    mix(token);
  }
  mix(">");
}

void template_fingerprint::close() { mix("/"); }

std::string template_fingerprint::hex() const {
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(hash_ >> 64),
                static_cast<unsigned long long>(hash_));
  return out;
}

}  // namespace geocrawl
