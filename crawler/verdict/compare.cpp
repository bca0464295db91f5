#include "crawler/verdict/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <boost/url/parse.hpp>

#include "crawler/domain/registrable_domain.hpp"
#include "crawler/verdict/exit_geography.hpp"
#include "crawler/verdict/page_state.hpp"
#include "parsers/text_similarity.hpp"

namespace geocrawl {

namespace {

// How much one piece of evidence says "cloaked"; the verdict is cloaked from
// material_weight up, and weights combine as independent evidence.
constexpr double material_weight = 0.8;
// The text differs when its dissimilarity exceeds the site's own noise by this margin,
// and is never called different below min_text_difference.
constexpr double noise_margin = 0.25;
constexpr double min_text_difference = 0.35;
// A reason names at most this many drugs; a longer list ends in "other drugs".
constexpr std::size_t max_named_drugs = 5;

enum class access { ok, blocked, client_error, server_error, other };

access access_of(int status) {
  if (status >= 200 && status <= 299) return access::ok;
  if (status == 401 || status == 403 || status == 407 || status == 429 || status == 451)
    return access::blocked;
  if (status >= 400 && status <= 499) return access::client_error;
  if (status >= 500) return access::server_error;
  return access::other;
}

// Where a URL leads, as an analyst names a site: the host's registrable domain (so
// www.shop.example and shop.example are one site, and shop.example.co.jp is not co.jp),
// and the port when one is written (another port is another origin).
std::string site_of(const std::string& url) {
  const auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return "";
  auto site = site_identity(parsed->encoded_host());
  if (parsed->has_port()) site += ":" + std::string(parsed->port());
  return site;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  return text;
}

// What a view shows, reduced to what the comparison looks at.
struct features {
  bool failed = false;
  std::string failure;  // when failed: "timed out while connecting (after 5 s)"
  int status = 0;
  std::string site;                       // of the final URL (site_of)
  std::set<std::string> offsite_scripts;  // sites of literal script redirects off the final one
  std::set<std::string> drugs;
  bool no_rx = false;
  bool commerce = false;  // shop signals or a checkout form
  page_state state = page_state::none;
  text_fingerprint text;

  bool offers() const { return !drugs.empty() || no_rx; }
};

// Why a view failed as an analyst reads it: the error code's plain meaning, then what the
// fetch said about it.
std::string failure_of(const view& record) {
  if (!record.error) return "no response came";
  auto text = record.error->code.message();
  if (!record.error->message.empty()) text += " (" + record.error->message + ")";
  return text;
}

// Fingerprints already taken for this site, by the text they were taken of: the same page
// served to several vantages (and the control) is shingled once.
using fingerprint_memo = std::map<std::string, text_fingerprint, std::less<>>;

features features_of(const view& record, fingerprint_memo& memo) {
  features out;
  out.status = record.status;
  if (record.error || record.status == 0) {
    out.failed = true;
    out.failure = failure_of(record);
    return out;
  }
  out.site = site_of(record.final_url);
  if (!record.analysis) return out;
  const auto& analysis = *record.analysis;
  for (const auto& hint : analysis.page.script_redirects) {
    if (!hint.target.empty() && site_of(hint.target) != out.site)
      out.offsite_scripts.insert(site_of(hint.target));
  }
  for (const auto& hit : analysis.found.drugs) out.drugs.insert(hit.drug);
  out.no_rx = analysis.found.no_rx;
  out.commerce = std::any_of(analysis.found.signals.begin(), analysis.found.signals.end(),
                             [](const std::string& s) { return s.starts_with("commerce_"); }) ||
                 std::any_of(analysis.page.forms.begin(), analysis.page.forms.end(),
                             [](const form_summary& f) { return f.checkout; });
  out.state = page_state_of(analysis.found.signals);
  auto text = analysis.page.title + "\n" + analysis.page.text;
  auto known = memo.find(text);
  if (known == memo.end()) {
    auto fingerprint = fingerprint_text(text);
    known = memo.emplace(std::move(text), std::move(fingerprint)).first;
  }
  out.text = known->second;
  return out;
}

// A page that answered 2xx as an analyst would call it: "a shop offering sildenafil and
// tadalafil without prescription", "a page naming sildenafil", "an under-construction page".
std::string describe(const features& side) {
  const std::string kind = side.commerce ? "a shop" : "a page";
  if (side.offers()) {
    std::vector<std::string> drugs(side.drugs.begin(), side.drugs.end());
    if (drugs.size() > max_named_drugs) {
      drugs.resize(max_named_drugs);
      drugs.back() = "other drugs";
    }
    if (side.no_rx)
      return kind + " offering " + (drugs.empty() ? "drugs" : join_names(drugs)) +
             " without prescription";
    return kind + (side.commerce ? " offering " : " naming ") + join_names(drugs);
  }
  if (side.state != page_state::none)
    return std::string(side.state == page_state::under_construction ? "an " : "a ") +
           std::string(to_string(side.state)) + " page";
  return kind + " without drug names";
}

// What one side got, with its name: "jp sees a parked page", "jp is refused (HTTP 403)".
std::string what_gets(const std::string& name, const features& side) {
  const auto status = "(HTTP " + std::to_string(side.status) + ")";
  switch (access_of(side.status)) {
    case access::ok:
      return name + " sees " + describe(side);
    case access::blocked:
      return name + " is refused " + status;
    case access::client_error:
      return name + " gets an error page " + status;
    case access::server_error:
      return name + " gets a server error " + status;
    case access::other:
      break;
  }
  return name + " gets no page " + status;
}

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

void judge_access(const features& b, const features& v, const std::string& bn,
                  const std::string& vn, evidence& found) {
  const auto kb = access_of(b.status);
  const auto kv = access_of(v.status);
  if (kb == kv) return;
  const features& open = kb == access::ok ? b : v;
  const bool offered = (kb == access::ok || kv == access::ok) && (open.offers() || open.commerce);
  // The side without a page first: that is the difference.
  auto reason = kb == access::ok ? what_gets(vn, v) + "; " + what_gets(bn, b)
                                 : what_gets(bn, b) + "; " + what_gets(vn, v);
  found.add(offered ? 0.9 : 0.4, std::move(reason));
}

void judge_destination(const features& b, const features& v, const std::string& bn,
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

text_difference compare_text(const features& b, const features& v,
                             const std::optional<features>& control) {
  text_difference result;
  auto& measures = result.measures;
  const double alike = similarity(b.text, v.text);
  const double noise = control ? 1 - similarity(b.text, control->text) : 0;
  result.material = 1 - alike > std::max(min_text_difference, noise + noise_margin);
  result.controlled = control.has_value();
  measures.similarity = rounded(alike);
  if (control) measures.baseline_self_similarity = rounded(1 - noise);
  measures.length_ratio = rounded(length_ratio(b.text, v.text));
  return result;
}

// "jp's page text differs from default's by more than default's own page changes from one
// fetch to the next"; the numbers are in the comparison's text_measures.
std::string text_reason(const std::string& bn, const std::string& vn, const text_difference& text) {
  return vn + "'s page text differs from " + bn + "'s" +
         (text.controlled ? " by more than " + bn + "'s own page changes from one fetch to the next"
                          : "");
}

void judge_offer(const features& b, const features& v, const std::string& bn, const std::string& vn,
                 const std::optional<features>& control, const text_difference& text,
                 evidence& found) {
  if (access_of(b.status) != access::ok || access_of(v.status) != access::ok) return;
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

void judge_text(const features& b, const features& v, const std::string& bn, const std::string& vn,
                const text_difference& text, evidence& found) {
  if (access_of(b.status) != access::ok || access_of(v.status) != access::ok || !text.material)
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
                        const std::optional<features>& control, const features& b,
                        const features& v) {
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
  const auto text = compare_text(b, v, control);
  judge_access(b, v, bn, vn, found);
  judge_destination(b, v, bn, vn, found);
  judge_offer(b, v, bn, vn, control, text, found);
  judge_text(b, v, bn, vn, text, found);
  result.score = rounded(found.score());
  result.text = text.measures;
  result.verdict = found.material()    ? cloaking_verdict::cloaked
                   : found.score() > 0 ? cloaking_verdict::inconclusive
                                       : cloaking_verdict::consistent;
  result.reasons = found.take_reasons();
  if (result.reasons.empty()) result.reasons.push_back(vn + " and " + bn + " see " + describe(b));
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
  fingerprint_memo memo;
  std::vector<features> all;
  for (const auto& record : views) all.push_back(features_of(record, memo));
  std::optional<features> control_features;
  if (control && !control->error && control->status != 0)
    control_features = features_of(*control, memo);
  for (std::size_t i = 0; i < views.size(); ++i) {
    if (i == baseline) continue;
    site.comparisons.push_back(
        compare_pair(views[baseline], views[i], control_features, all[baseline], all[i]));
  }
  const auto count = [&](cloaking_verdict verdict) {
    return std::count_if(site.comparisons.begin(), site.comparisons.end(),
                         [&](const comparison& c) { return c.verdict == verdict; });
  };
  const bool all_failed =
      std::all_of(all.begin(), all.end(), [](const features& f) { return f.failed; });
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
