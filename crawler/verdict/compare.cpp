#include "crawler/verdict/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <boost/url/parse.hpp>

#include "proxies/coded_category.hpp"

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

enum class access { ok, blocked, client_error, server_error, other };

access access_of(int status) {
  if (status >= 200 && status <= 299) return access::ok;
  if (status == 401 || status == 403 || status == 407 || status == 429 || status == 451)
    return access::blocked;
  if (status >= 400 && status <= 499) return access::client_error;
  if (status >= 500) return access::server_error;
  return access::other;
}

// Where a URL leads, as an analyst names a site: the host without "www.", and the port
// when one is written (another port is another origin).
std::string site_of(const std::string& url) {
  const auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return "";
  std::string site(parsed->encoded_host());
  std::transform(site.begin(), site.end(), site.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (site.starts_with("www.")) site.erase(0, 4);
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
  std::string failure;  // "timeout: ..." when failed
  int status = 0;
  std::string site;                       // of the final URL (site_of)
  std::set<std::string> offsite_scripts;  // sites of literal script redirects off the final one
  std::set<std::string> drugs;
  bool no_rx = false;
  bool commerce = false;   // shop signals or a checkout form
  std::string page_state;  // "under-construction", "parked", "suspended", "default", ""
  text_fingerprint text;

  bool offers() const { return !drugs.empty() || no_rx; }
};

std::string page_state_of(const std::vector<std::string>& signals) {
  for (const auto& [kind, name] :
       {std::pair{"page_state_construction", "under-construction"},
        std::pair{"page_state_parked", "parked"}, std::pair{"page_state_suspended", "suspended"},
        std::pair{"page_state_default", "default server"}}) {
    if (std::find(signals.begin(), signals.end(), kind) != signals.end()) return name;
  }
  return "";
}

// Fingerprints already taken for this site, by the text they were taken of: the same page
// served to several vantages (and the control) is shingled once.
using fingerprint_memo = std::map<std::string, text_fingerprint, std::less<>>;

features features_of(const view& record, fingerprint_memo& memo) {
  features out;
  out.status = record.status;
  if (record.error || record.status == 0) {
    out.failed = true;
    out.failure = record.error ? std::string(short_code(record.error->code)) + " (" +
                                     record.error->message + ")"
                               : "no response";
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
  out.page_state = page_state_of(analysis.found.signals);
  auto text = analysis.page.title + "\n" + analysis.page.text;
  auto known = memo.find(text);
  if (known == memo.end()) {
    auto fingerprint = fingerprint_text(text);
    known = memo.emplace(std::move(text), std::move(fingerprint)).first;
  }
  out.text = known->second;
  return out;
}

// "sildenafil, tadalafil and no-prescription language", "an under-construction page",
// "403", "a page without drug names".
std::string describe(const features& side) {
  const auto kind = access_of(side.status);
  if (kind != access::ok) return "HTTP " + std::to_string(side.status);
  std::vector<std::string> parts(side.drugs.begin(), side.drugs.end());
  if (parts.size() > 5) {
    parts.resize(5);
    parts.back() = "more drugs";
  }
  if (side.no_rx) parts.push_back("no-prescription language");
  if (!parts.empty()) return join_names(parts);
  if (!side.page_state.empty())
    return std::string(side.page_state == "under-construction" ? "an " : "a ") + side.page_state +
           " page";
  return "a page without drug names";
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
  const features& shut = kb == access::ok ? v : b;
  const std::string& open_name = kb == access::ok ? bn : vn;
  const std::string& shut_name = kb == access::ok ? vn : bn;
  if ((kb == access::ok || kv == access::ok) && (open.offers() || open.commerce)) {
    found.add(0.9, shut_name + " is refused (HTTP " + std::to_string(shut.status) + "); " +
                       open_name + " sees " + describe(open));
  } else {
    found.add(0.4, bn + " gets HTTP " + std::to_string(b.status) + ", " + vn + " gets HTTP " +
                       std::to_string(v.status));
  }
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

// Whether the texts differ by more than the site's own noise, and how to say it.
struct text_difference {
  bool material = false;
  std::string description;
};

text_difference compare_text(const features& b, const features& v, const std::string& bn,
                             const std::string& vn, const std::optional<features>& control) {
  const double noise = control ? 1 - similarity(b.text, control->text) : 0;
  const double difference = 1 - similarity(b.text, v.text);
  text_difference result;
  result.material = difference > std::max(min_text_difference, noise + noise_margin);
  char text[160];
  std::snprintf(text, sizeof text, "the text of %s and %s differs (similarity %.2f", vn.c_str(),
                bn.c_str(), 1 - difference);
  result.description = text;
  if (control) {
    std::snprintf(text, sizeof text, "; %s against itself %.2f", bn.c_str(), 1 - noise);
    result.description += text;
  }
  std::snprintf(text, sizeof text, "; length ratio %.2f)", length_ratio(b.text, v.text));
  result.description += text;
  return result;
}

void judge_offer(const features& b, const features& v, const std::string& bn, const std::string& vn,
                 const std::optional<features>& control, const text_difference& text,
                 evidence& found) {
  if (access_of(b.status) != access::ok || access_of(v.status) != access::ok) return;
  if (b.offers() != v.offers()) {
    const features& shop = v.offers() ? v : b;
    const features& other = v.offers() ? b : v;
    found.add(0.9, (v.offers() ? vn : bn) + " sees " + describe(shop) + "; " +
                       (v.offers() ? bn : vn) + " sees " + describe(other));
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
    found.add(text.material ? 0.85 : 0.5, (v.no_rx ? vn : bn) + " sees no-prescription language; " +
                                              (v.no_rx ? bn : vn) + " does not");
  }
  if (added.empty() && removed.empty()) return;
  const bool stable = control && control->drugs == b.drugs;
  std::string reason = vn + " sees";
  if (!added.empty()) reason += " also " + set_text(added);
  if (!removed.empty())
    reason += std::string(added.empty() ? "" : ",") + " not " + set_text(removed);
  const double overlap = static_cast<double>(b.drugs.size() - removed.size()) /
                         static_cast<double>(b.drugs.size() + added.size());
  found.add(stable && overlap < 0.5 ? 0.6 : 0.2, reason);
}

void judge_text(const features& b, const features& v, const text_difference& text,
                evidence& found) {
  if (access_of(b.status) != access::ok || access_of(v.status) != access::ok || !text.material)
    return;
  if (b.offers() && v.offers() && b.no_rx == v.no_rx) {
    found.note(text.description +
               ", but both offer the same kind of goods: localisation, not cloaking");
    return;
  }
  found.add(0.5, text.description);
}

comparison compare_pair(const view& base_view, const view& other_view,
                        const std::optional<features>& control, const features& b,
                        const features& v) {
  comparison result;
  result.vantage = other_view.vantage;
  result.baseline = base_view.vantage;
  const auto& bn = result.baseline;
  const auto& vn = result.vantage;
  if (b.failed && v.failed) {
    result.verdict = cloaking_verdict::unreachable;
    result.reasons = {bn + " failed: " + b.failure, vn + " failed: " + v.failure};
    return result;
  }
  if (b.failed || v.failed) {
    result.verdict = cloaking_verdict::inconclusive;
    result.score = 0.5;
    result.reasons = {(b.failed ? bn : vn) + " failed: " + (b.failed ? b.failure : v.failure) +
                      "; " + (b.failed ? vn : bn) + " sees " + describe(b.failed ? v : b)};
    return result;
  }
  evidence found;
  const auto text = compare_text(b, v, bn, vn, control);
  judge_access(b, v, bn, vn, found);
  judge_destination(b, v, bn, vn, found);
  judge_offer(b, v, bn, vn, control, text, found);
  judge_text(b, v, text, found);
  result.score = std::round(found.score() * 100) / 100;
  result.verdict = found.material()    ? cloaking_verdict::cloaked
                   : found.score() > 0 ? cloaking_verdict::inconclusive
                                       : cloaking_verdict::consistent;
  result.reasons = found.take_reasons();
  if (result.reasons.empty()) result.reasons.push_back(vn + " and " + bn + " see " + describe(b));
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
