#pragma once

#include "parsers/lexicon.hpp"
#include "parsers/term_matcher.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

// What a page's text says, read through the lexicon. The rules below turn raw matches into
// evidence; they are written for pages of suspect sites, where one weak cue alone proves
// little (an OTC label, a place called Soma, a road-works notice).
//
// Drug terms
// * A term counts once per occurrence. A term marked ambiguous in drugs.tsv ("Soma", "Ella",
//   "アライ") counts only if the text also has a non-ambiguous drug term or the page is no_rx
//   (below); otherwise "Soma" on a travel page would make it a drug page.
//
// No-prescription language (phrase kind no_rx)
// * A strong phrase anywhere in the text makes it no_rx.
// * A weak phrase ("without prescription", "処方箋なし", "sin receta") counts only if a
//   non-ambiguous drug term occurs within weak_no_rx_window bytes of it, before or after:
//   at most that many bytes lie between the end of one and the start of the other (an
//   overlap counts). A legal 零売 pharmacy's "処方箋なし" with no drug named is not evidence.
// * no_rx_phrases lists each phrase that counted once, as written in phrases.tsv.
//
// Signals (page_state_* and commerce_* kinds)
// * A strong page-state phrase always counts. A weak one ("工事中", "coming soon",
//   "404 Not Found") counts only on a short text (under short_page_bytes bytes): an
//   "under construction" banner inside a big shop is not the state of the page.
// * A strong commerce phrase always counts. A weak one ("checkout", "free shipping", "btc")
//   counts only if the text has a drug hit (after the ambiguous-term rule).
//
// Lengths and distances are in bytes of the normalised text.
inline constexpr std::size_t weak_no_rx_window = 300;
inline constexpr std::size_t short_page_bytes = 2000;

struct drug_hit {
  std::string term;  // as written in drugs.tsv
  std::string drug;
  std::string category;
  int count = 0;

  bool operator==(const drug_hit&) const = default;
};

struct findings {
  std::vector<drug_hit> drugs;  // one per (drug, term), sorted by drug then term
  bool no_rx = false;
  std::vector<std::string> no_rx_phrases;  // distinct phrases that counted, sorted
  std::vector<std::string> signals;        // distinct kinds that counted ("commerce_cart"), sorted

  bool operator==(const findings&) const = default;
};

// `matcher` must have been built from `lex`; `normalized_text` is normalize_text's output.
findings find_in_text(const term_matcher& matcher, const lexicon& lex,
                      std::string_view normalized_text);

}  // namespace geocrawl
