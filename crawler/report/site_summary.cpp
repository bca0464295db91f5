#include "crawler/report/site_summary.hpp"

#include <algorithm>
#include <cstdio>

#include <boost/url/parse.hpp>

#include "crawler/domain/registrable_domain.hpp"

namespace geocrawl {

namespace {

std::vector<std::string> sorted_distinct(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

}  // namespace

std::string site_domain(std::string_view url) {
  // Only the scheme and authority are parsed: a hostile path or query ("?q=\"><script>") that
  // would make the whole URL invalid does not hide the domain.
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  auto authority_end = url.find_first_of("/?#", scheme_end + 3);
  auto parsed = boost::urls::parse_uri(url.substr(0, authority_end));
  if (!parsed || parsed->encoded_host().empty()) return std::string(url);
  return site_identity(parsed->encoded_host());
}

std::vector<std::string> countries_seen(const std::vector<view>& views) {
  std::vector<std::string> countries;
  for (const auto& seen : views) {
    if (!seen.exit_country.empty()) countries.push_back(seen.exit_country);
  }
  return sorted_distinct(std::move(countries));
}

std::vector<std::string> drugs_found(const std::vector<view>& views) {
  std::vector<std::string> drugs;
  for (const auto& seen : views) {
    if (!seen.analysis) continue;
    for (const auto& hit : seen.analysis->found.drugs) drugs.push_back(hit.drug);
  }
  return sorted_distinct(std::move(drugs));
}

std::string score_digits(double score) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.2f", score);
  return digits;
}

std::string joined(const std::vector<std::string>& words, std::string_view none) {
  if (words.empty()) return std::string(none);
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += ", ";
    out += word;
  }
  return out;
}

}  // namespace geocrawl
