#include "parsers/page_identifier.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace geocrawl {

namespace {

constexpr std::array<std::string_view, identifier_kind_count> kind_words = {
    "ga_ua",        "ga4",         "gtm",         "yandex_metrica", "meta_pixel", "adsense",
    "email",        "phone",       "line",        "whatsapp",       "telegram",   "skype",
    "payment_host", "sister_link", "cert_spki",   "template",       "favicon",    "body_sha256",
    "ip",           "asn",         "name_server", "cert_name"};

}  // namespace

std::string_view to_string(identifier_kind kind) noexcept {
  return kind_words[static_cast<std::size_t>(kind)];
}

std::optional<identifier_kind> identifier_kind_from(std::string_view word) noexcept {
  const auto found = std::find(kind_words.begin(), kind_words.end(), word);
  if (found == kind_words.end()) return std::nullopt;
  return static_cast<identifier_kind>(found - kind_words.begin());
}

void identifier_collector::add(identifier_kind kind, std::string value) {
  if (value.empty()) return;
  page_identifier item{kind, std::move(value)};
  if (std::find(items_.begin(), items_.end(), item) != items_.end()) return;
  if (items_.size() >= limit_) {
    truncated_ = true;
    return;
  }
  items_.push_back(std::move(item));
}

std::vector<page_identifier> identifier_collector::take() {
  std::sort(items_.begin(), items_.end());
  return std::move(items_);
}

}  // namespace geocrawl
