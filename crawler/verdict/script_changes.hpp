#pragma once
// Client-side cloaking: what two vantages' browsers made of pages their servers may have sent
// alike. The rendered pages are compared on what the page offers and where it ends (drugs,
// no-prescription language, a shop, the page state, the final site), never on the DOM's bytes or
// its text: a clock, a random banner, a cookie banner or a single-page app builds different
// bytes on every load and the same offer for everyone, which is not cloaking. When the servers
// sent the same offer and the browsers show different ones, the reason says a script made the
// difference: "jp: a script replaced an under-construction page with a shop offering sildenafil
// without prescription; default still sees an under-construction page".
#include <optional>
#include <string>
#include <vector>

#include "crawler/verdict/page_features.hpp"

namespace geocrawl {

// One thing the comparison found. weight 0 is a note: said, and no evidence either way.
struct weighted_reason {
  double weight = 0;
  std::string text;
};

// The two sides of a comparison: the vantage's name, its served page's features, and its
// rendered page's (none when the vantage was not rendered).
struct compared_side {
  const std::string& name;
  const page_features& served;
  const std::optional<page_features>& rendered;
};

struct script_findings {
  std::vector<weighted_reason> reasons;
  // A side's render failed: the scripts were not compared, so the pair cannot be called
  // consistent, as when a served view fails.
  bool render_failed = false;
};

// What the rendered pages add to the comparison of `vantage` with `baseline`. Nothing when
// neither side was rendered; a note when only one was (the scripts are not compared), or a
// render failed (a failure is no evidence); reasons weighted as the served comparison weighs
// them when the offers or the final sites differ.
script_findings script_changes(const compared_side& baseline, const compared_side& vantage);

}  // namespace geocrawl
