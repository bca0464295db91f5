#include "crawler/verdict/exit_geography.hpp"

namespace geocrawl {

namespace {

bool direct(const view& record) { return record.proxy.empty(); }

// "default's exit country is unknown (no [verify] echo_url is configured)".
std::string unknown_exit(const view& record) {
  return record.vantage + "'s exit country is unknown (" +
         (record.exit_unverified.empty() ? "its exit was not verified" : record.exit_unverified) +
         ")";
}

}  // namespace

exit_geography geography_of(const view& baseline, const view& vantage) {
  const auto& bn = baseline.vantage;
  const auto& vn = vantage.vantage;
  const auto& bc = baseline.exit_country;
  const auto& vc = vantage.exit_country;
  if (baseline.exit_changed || vantage.exit_changed) {
    const auto& moved = vantage.exit_changed ? vantage : baseline;
    return {geography::exit_changed,
            moved.vantage +
                "'s exit moved to another country while it was served: which "
                "country the site saw is not known, so the comparison is inconclusive"};
  }
  if (direct(baseline) && direct(vantage)) {
    return {geography::same_machine,
            vn + " and " + bn + " both fetch directly from this machine" +
                (bc.empty() ? "" : " (exit in " + bc + ")") +
                ": this compares their request profiles (user agent, Accept-Language, Referer), "
                "not countries"};
  }
  if (!bc.empty() && bc == vc) {
    return {geography::same_country, vn + " exits in " + vc + ", as " + bn +
                                         " does: the comparison cannot test geography, so it "
                                         "is inconclusive"};
  }
  if (!bc.empty() && !vc.empty()) return {geography::different_countries, ""};
  if (bc.empty() && !vc.empty())
    return {geography::one_side_unknown, unknown_exit(baseline) + "; " + vn + " exits in " + vc};
  if (!bc.empty())
    return {geography::one_side_unknown, unknown_exit(vantage) + "; " + bn + " exits in " + bc};
  return {geography::unknown, ""};
}

}  // namespace geocrawl
