#include "parsers/findings.hpp"

#include <algorithm>
#include <cstdint>

namespace geocrawl {
namespace {

bool is_page_state(phrase_kind kind) {
  switch (kind) {
    case phrase_kind::page_state_construction:
    case phrase_kind::page_state_parked:
    case phrase_kind::page_state_suspended:
    case phrase_kind::page_state_default:
      return true;
    case phrase_kind::no_rx:
    case phrase_kind::commerce_cart:
    case phrase_kind::commerce_crypto:
    case phrase_kind::commerce_shipping:
    case phrase_kind::commerce_import:
      return false;
  }
  return false;
}

// Whether any of `drugs` lies within weak_no_rx_window bytes of `m`. The matcher never reports
// a drug term contained in another, so in offset order the ends rise too: the last drug that
// starts no later than the window's end is the one reaching furthest towards `m`.
bool drug_near(const std::vector<term_match>& drugs, const term_match& m) {
  const std::size_t window_end = m.offset + m.length + weak_no_rx_window;
  const auto after = std::upper_bound(
      drugs.begin(), drugs.end(), window_end,
      [](std::size_t offset, const term_match& drug) { return offset < drug.offset; });
  if (after == drugs.begin()) return false;
  const term_match& drug = *std::prev(after);
  return drug.offset + drug.length + weak_no_rx_window >= m.offset;
}

void sort_unique(std::vector<std::string>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

findings find_in_text(const term_matcher& matcher, const lexicon& lex,
                      std::string_view normalized_text) {
  const std::vector<term_match> matches = matcher.find_all(normalized_text);
  const std::size_t drug_count = lex.drugs.size();
  const auto phrase_of = [&](const term_match& m) -> const phrase& {
    return lex.phrases[m.pattern - drug_count];
  };

  // Work in pattern indices and kinds; strings are built once per distinct result, because a
  // shop page can hold thousands of matches.
  std::vector<term_match> firm_drugs;  // non-ambiguous drug terms, in offset order
  for (const term_match& m : matches) {
    if (m.pattern < drug_count && !lex.drugs[m.pattern].ambiguous) firm_drugs.push_back(m);
  }

  std::vector<std::uint32_t> no_rx_patterns;
  for (const term_match& m : matches) {
    if (m.pattern < drug_count) continue;
    const phrase& p = phrase_of(m);
    if (p.kind != phrase_kind::no_rx) continue;
    if (p.strength == phrase_strength::strong || drug_near(firm_drugs, m)) {
      no_rx_patterns.push_back(m.pattern);
    }
  }

  findings result;
  result.no_rx = !no_rx_patterns.empty();
  const bool ambiguous_count = !firm_drugs.empty() || result.no_rx;
  std::vector<std::uint32_t> drug_patterns;
  for (const term_match& m : matches) {
    if (m.pattern >= drug_count) continue;
    if (lex.drugs[m.pattern].ambiguous && !ambiguous_count) continue;
    drug_patterns.push_back(m.pattern);
  }
  std::sort(drug_patterns.begin(), drug_patterns.end());
  for (auto run = drug_patterns.begin(); run != drug_patterns.end();) {
    const auto run_end = std::upper_bound(run, drug_patterns.end(), *run);
    const drug_term& term = lex.drugs[*run];
    result.drugs.push_back({.term = term.term,
                            .drug = term.drug,
                            .category = term.category,
                            .count = static_cast<int>(run_end - run)});
    run = run_end;
  }
  std::sort(result.drugs.begin(), result.drugs.end(), [](const drug_hit& a, const drug_hit& b) {
    return a.drug != b.drug ? a.drug < b.drug : a.term < b.term;
  });

  std::sort(no_rx_patterns.begin(), no_rx_patterns.end());
  no_rx_patterns.erase(std::unique(no_rx_patterns.begin(), no_rx_patterns.end()),
                       no_rx_patterns.end());
  for (std::uint32_t pattern : no_rx_patterns) {
    result.no_rx_phrases.push_back(lex.phrases[pattern - drug_count].text);
  }
  sort_unique(result.no_rx_phrases);

  const bool short_text = normalized_text.size() < short_page_bytes;
  std::vector<phrase_kind> kinds;
  for (const term_match& m : matches) {
    if (m.pattern < drug_count) continue;
    const phrase& p = phrase_of(m);
    if (p.kind == phrase_kind::no_rx) continue;
    const bool strong = p.strength == phrase_strength::strong;
    const bool counts =
        is_page_state(p.kind) ? strong || short_text : strong || !result.drugs.empty();
    if (counts && std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) {
      kinds.push_back(p.kind);
    }
  }
  for (phrase_kind kind : kinds) result.signals.emplace_back(to_string(kind));
  sort_unique(result.signals);
  return result;
}

}  // namespace geocrawl
