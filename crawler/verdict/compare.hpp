#pragma once
// One site, several vantages, one verdict with reasons. Each non-baseline view is compared
// with the baseline's on what matters to an analyst, in this order: whether each side got
// a page at all, access (blocked, 5xx vs 200), where the visitor was sent (final host,
// script redirects to another origin), what is offered (drugs, no-prescription language,
// a shop vs an under-construction or parked page), then the text itself.
//
// Where the two sides exited decides what the comparison tests (exit_geography.hpp): a
// country vantage exiting in the baseline's country is inconclusive, two direct vantages
// compare request profiles.
//
// Localisation is not cloaking: the same offer in yen and in dollars, or in Japanese and
// in English, is consistent. Dynamic noise is not cloaking either: tokens, timestamps and
// rotating banners change the text a little, and a control re-fetch of the baseline shows
// how much this site changes by itself, which raises the bar for "the text differs".
#include <optional>
#include <string>
#include <vector>

#include "crawler/verdict/cloaking_verdict.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

// How alike the two pages' visible texts are. Numbers for the JSON and the score; the reasons
// say in words whether the difference matters.
struct text_measures {
  double similarity = 0;  // of the two texts' shingles, 0 (nothing shared) to 1 (alike)
  // The baseline against its control re-fetch: how much the site changes by itself; none
  // without a control.
  std::optional<double> baseline_self_similarity;
  double length_ratio = 0;  // the shorter text's length over the longer's
};

struct comparison {
  std::string vantage;
  std::string baseline;
  cloaking_verdict verdict = cloaking_verdict::inconclusive;
  // Strength of the evidence of cloaking, 0..1. None when a side failed: a failure is no
  // evidence either way, and a number would rank it among real comparisons.
  std::optional<double> score;
  std::vector<std::string> reasons;   // sentences an analyst can paste into a complaint
  std::optional<text_measures> text;  // none when a side failed
};

struct site_comparison {
  // cloaked if any comparison is; consistent if all are; unreachable if every view failed;
  // else inconclusive. None for a single view: nothing to compare.
  std::optional<cloaking_verdict> verdict;
  std::vector<comparison> comparisons;
};

// `baseline` indexes `views`; `control`, when given, is a second fetch of the baseline
// made at the same time, whose difference from it is the site's own noise.
site_comparison compare_site(const std::vector<view>& views, std::size_t baseline,
                             const view* control);

// The index of the vantage with baseline = true among `views`, else 0.
std::size_t baseline_index(const std::vector<view>& views, const std::string& baseline_vantage);

}  // namespace geocrawl
