#include "crawler/verdict/compare.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "crawler/verdict/exit_geography.hpp"
#include "crawler/verdict/page_features.hpp"
#include "crawler/verdict/script_changes.hpp"

namespace geocrawl {

namespace {

// How much one piece of evidence says "cloaked"; the verdict is cloaked from
// material_weight up, and weights combine as independent evidence.
constexpr double material_weight = 0.8;
// The text differs when its dissimilarity exceeds the site's own noise by this margin,
// and is never called different below min_text_difference.
constexpr double noise_margin = 0.25;
constexpr double min_text_difference = 0.35;
class evidence {
 public:
  void add(double weight, std::string reason) {
    score_ = 1 - (1 - score_) * (1 - weight);
    material_ = material_ || weight >= material_weight;
    reasons_.push_back(std::move(reason));
  }
  void note(std::string reason) { reasons_.push_back(std::move(reason)); }
  bool material() const { return material_; }
  double score() const { return score_; }
  std::vector<std::string> take_reasons() { return std::move(reasons_); }

 private:
  double score_ = 0;
  bool material_ = false;
  std::vector<std::string> reasons_;
};

std::string set_text(const std::set<std::string>& items) {
  return join_names({items.begin(), items.end()});
}

void judge_access(const page_features& b, const page_features& v, const std::string& bn,
                  const std::string& vn, evidence& found) {
  const auto kb = access_of(b.status);
  const auto kv = access_of(v.status);
  if (kb == kv) return;
  const page_features& open = kb == page_access::ok ? b : v;
  const bool offered =
      (kb == page_access::ok || kv == page_access::ok) && (open.offers() || open.commerce);
  // The side without a page first: that is the difference.
  auto reason = kb == page_access::ok ? what_gets(vn, v) + "; " + what_gets(bn, b)
                                      : what_gets(bn, b) + "; " + what_gets(vn, v);
  found.add(offered ? 0.9 : 0.4, std::move(reason));
}

void judge_destination(const page_features& b, const page_features& v, const std::string& bn,
                       const std::string& vn, evidence& found) {
  if (b.site != v.site) {
    found.add(0.9, vn + " is sent to " + v.site + "; " + bn + " to " + b.site);
  }
  for (const auto& [side, other, name, other_name] :
       {std::tuple{&v, &b, vn, bn}, std::tuple{&b, &v, bn, vn}}) {
    std::vector<std::string> only;
    std::set_difference(side->offsite_scripts.begin(), side->offsite_scripts.end(),
                        other->offsite_scripts.begin(), other->offsite_scripts.end(),
                        std::back_inserter(only));
    if (!only.empty()) {
      found.add(0.95, name + "'s page carries a script redirect to " + join_names(only) + "; " +
                          other_name + "'s does not");
    }
  }
}

double rounded(double value) { return std::round(value * 100) / 100; }

// Whether the texts differ by more than the site's own noise, and by how much.
struct text_difference {
  bool material = false;
  bool controlled = false;  // the site's own noise was measured
  text_measures measures;
};

text_difference compare_text(const page_features& b, const page_features& v,
                             const std::optional<page_features>& control, page_texts& texts) {
  text_difference result;
  auto& measures = result.measures;
  const double alike = texts.similarity(b.text, v.text);
  const double noise = control ? 1 - texts.similarity(b.text, control->text) : 0;
  result.material = 1 - alike > std::max(min_text_difference, noise + noise_margin);
  result.controlled = control.has_value();
  measures.similarity = rounded(alike);
  if (control) measures.baseline_self_similarity = rounded(1 - noise);
  measures.length_ratio = rounded(texts.length_ratio(b.text, v.text));
  return result;
}

// "jp's page text differs from default's by more than default's own page changes from one
// fetch to the next"; the numbers are in the comparison's text_measures.
std::string text_reason(const std::string& bn, const std::string& vn, const text_difference& text) {
  return vn + "'s page text differs from " + bn + "'s" +
         (text.controlled ? " by more than " + bn + "'s own page changes from one fetch to the next"
                          : "");
}

void judge_offer(const page_features& b, const page_features& v, const std::string& bn,
                 const std::string& vn, const std::optional<page_features>& control,
                 const text_difference& text, evidence& found) {
  if (access_of(b.status) != page_access::ok || access_of(v.status) != page_access::ok) return;
  if (b.offers() != v.offers()) {
    found.add(0.9, v.offers() ? what_gets(vn, v) + "; " + what_gets(bn, b)
                              : what_gets(bn, b) + "; " + what_gets(vn, v));
    return;
  }
  if (!b.offers()) return;
  // Both offer drugs. A different selection is material only if the baseline's own
  // selection is stable: shops rotate their featured products.
  std::set<std::string> added;
  std::set<std::string> removed;
  std::set_difference(v.drugs.begin(), v.drugs.end(), b.drugs.begin(), b.drugs.end(),
                      std::inserter(added, added.end()));
  std::set_difference(b.drugs.begin(), b.drugs.end(), v.drugs.begin(), v.drugs.end(),
                      std::inserter(removed, removed.end()));
  // Drugs named on both sides, no-prescription language on one: a clinic or a drug
  // information page for one visitor, a shop that sells without prescription for the
  // other. Material when the pages really differ, not when one phrase comes and goes.
  if (b.no_rx != v.no_rx) {
    found.add(text.material ? 0.85 : 0.5, (v.no_rx ? vn : bn) +
                                              " is told no prescription is needed; " +
                                              (v.no_rx ? bn : vn) + " is not");
  }
  if (added.empty() && removed.empty()) return;
  const bool stable = control && control->drugs == b.drugs;
  std::vector<std::string> changes;
  if (!added.empty()) changes.push_back("also names " + set_text(added));
  if (!removed.empty()) changes.push_back("does not name " + set_text(removed));
  const double overlap = static_cast<double>(b.drugs.size() - removed.size()) /
                         static_cast<double>(b.drugs.size() + added.size());
  found.add(stable && overlap < 0.5 ? 0.6 : 0.2, vn + "'s page " + join_names(changes));
}

void judge_text(const page_features& b, const page_features& v, const std::string& bn,
                const std::string& vn, const text_difference& text, evidence& found) {
  if (access_of(b.status) != page_access::ok || access_of(v.status) != page_access::ok ||
      !text.material)
    return;
  if (b.offers() && v.offers() && b.no_rx == v.no_rx) {
    found.note(text_reason(bn, vn, text) +
               ", but both offer the same kind of goods: localisation, not cloaking");
    return;
  }
  found.add(0.5, text_reason(bn, vn, text));
}

// What the two exits let the comparison say. Same country, or an exit that moved: whatever the
// pages show, this pair did not test geography, so it is inconclusive with no score (a number would
// rank it among real comparisons), the reason first and the differences kept for the analyst.
// Otherwise the verdict stands and the reason says what was compared.
void judge_geography(const view& base_view, const view& other_view, comparison& result) {
  auto geography = geography_of(base_view, other_view);
  if (geography.reason.empty()) return;
  if (geography.kind == geography::same_country || geography.kind == geography::exit_changed) {
    result.verdict = cloaking_verdict::inconclusive;
    result.score.reset();
    result.reasons.insert(result.reasons.begin(), std::move(geography.reason));
    return;
  }
  result.reasons.push_back(std::move(geography.reason));
}

comparison compare_pair(const view& base_view, const view& other_view,
                        const std::optional<page_features>& control, const page_features& b,
                        const page_features& v, const std::optional<page_features>& rendered_b,
                        const std::optional<page_features>& rendered_v, page_texts& texts) {
  comparison result;
  result.vantage = other_view.vantage;
  result.baseline = base_view.vantage;
  const auto& bn = result.baseline;
  const auto& vn = result.vantage;
  // A failed side is no evidence either way: no score, and the reason says why it failed.
  if (b.failed && v.failed) {
    result.verdict = cloaking_verdict::unreachable;
    result.reasons = {bn + " failed: " + b.failure, vn + " failed: " + v.failure};
    return result;
  }
  if (b.failed || v.failed) {
    result.verdict = cloaking_verdict::inconclusive;
    result.reasons = {b.failed ? bn + " failed: " + b.failure + "; " + what_gets(vn, v)
                               : vn + " failed: " + v.failure + "; " + what_gets(bn, b)};
    return result;
  }
  evidence found;
  const auto text = compare_text(b, v, control, texts);
  judge_access(b, v, bn, vn, found);
  judge_destination(b, v, bn, vn, found);
  judge_offer(b, v, bn, vn, control, text, found);
  judge_text(b, v, bn, vn, text, found);
  auto scripts = script_changes({bn, b, rendered_b}, {vn, v, rendered_v});
  for (auto& reason : scripts.reasons) {
    if (reason.weight > 0) found.add(reason.weight, std::move(reason.text));
  }
  result.score = rounded(found.score());
  result.text = text.measures;
  result.verdict = found.material()                             ? cloaking_verdict::cloaked
                   : found.score() > 0 || scripts.render_failed ? cloaking_verdict::inconclusive
                                                                : cloaking_verdict::consistent;
  result.reasons = found.take_reasons();
  if (result.reasons.empty()) result.reasons.push_back(vn + " and " + bn + " see " + describe(b));
  // What the scripts did that is no evidence comes after what the servers sent.
  for (auto& reason : scripts.reasons) {
    if (reason.weight == 0) result.reasons.push_back(std::move(reason.text));
  }
  judge_geography(base_view, other_view, result);
  return result;
}

}  // namespace

std::size_t baseline_index(const std::vector<view>& views, const std::string& baseline_vantage) {
  for (std::size_t i = 0; i < views.size(); ++i) {
    if (views[i].vantage == baseline_vantage) return i;
  }
  return 0;
}

site_comparison compare_site(const std::vector<view>& views, std::size_t baseline,
                             const view* control) {
  site_comparison site;
  if (views.size() < 2) return site;  // one view: nothing to compare, no verdict
  page_texts texts;
  std::vector<page_features> all;
  for (const auto& record : views) all.push_back(features_of(record, texts));
  std::vector<std::optional<page_features>> rendered;
  for (const auto& record : views) {
    rendered.push_back(record.rendered
                           ? std::optional(rendered_features_of(*record.rendered, texts))
                           : std::nullopt);
  }
  std::optional<page_features> control_features;
  if (control && !control->error && control->status != 0)
    control_features = features_of(*control, texts);
  for (std::size_t i = 0; i < views.size(); ++i) {
    if (i == baseline) continue;
    site.comparisons.push_back(compare_pair(views[baseline], views[i], control_features,
                                            all[baseline], all[i], rendered[baseline], rendered[i],
                                            texts));
  }
  const auto count = [&](cloaking_verdict verdict) {
    return std::count_if(site.comparisons.begin(), site.comparisons.end(),
                         [&](const comparison& c) { return c.verdict == verdict; });
  };
  const bool all_failed =
      std::all_of(all.begin(), all.end(), [](const page_features& f) { return f.failed; });
  if (all_failed) {
    site.verdict = cloaking_verdict::unreachable;
  } else if (count(cloaking_verdict::cloaked) > 0) {
    site.verdict = cloaking_verdict::cloaked;
  } else if (count(cloaking_verdict::consistent) ==
             static_cast<std::ptrdiff_t>(site.comparisons.size())) {
    site.verdict = cloaking_verdict::consistent;
  } else {
    site.verdict = cloaking_verdict::inconclusive;
  }
  return site;
}

}  // namespace geocrawl
