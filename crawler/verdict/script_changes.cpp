#include "crawler/verdict/script_changes.hpp"

namespace geocrawl {

namespace {

// The weights of the served comparison's own findings of the same kind (compare.cpp): another
// offer, or another site, is material; a different page state without an offer on either side
// (a shop without drug names, a parked page) is not on its own.
constexpr double offer_weight = 0.9;
constexpr double destination_weight = 0.9;
constexpr double state_weight = 0.4;

// The servers sent the two sides the same offer on the same site: a difference between their
// rendered pages came from scripts.
bool served_alike(const page_features& b, const page_features& v) {
  return !b.failed && !v.failed && access_of(b.status) == access_of(v.status) && b.site == v.site &&
         b.drugs == v.drugs && b.no_rx == v.no_rx && b.commerce == v.commerce && b.state == v.state;
}

bool same_offer(const page_features& b, const page_features& v) {
  return b.offers() == v.offers() && b.commerce == v.commerce && b.state == v.state;
}

// "jp: a script replaced an under-construction page with a shop offering sildenafil", or, when
// jp's scripts left the offer as it was, "jp still sees an under-construction page".
std::string script_effect(const compared_side& side) {
  if (same_offer(side.served, *side.rendered))
    return side.name + " still sees " + describe(*side.rendered);
  return side.name + ": a script replaced " + describe(side.served) + " with " +
         describe(*side.rendered);
}

// "jp: a script navigated to shop.example", or "default stayed on site.example".
std::string navigation(const compared_side& side) {
  if (side.rendered->site == side.served.site) return side.name + " stayed on " + side.served.site;
  return side.name + ": a script navigated to " + side.rendered->site;
}

// The changing side first: that is the difference.
std::string both(const compared_side& b, const compared_side& v,
                 std::string (*say)(const compared_side&), bool v_changed) {
  return v_changed ? say(v) + "; " + say(b) : say(b) + "; " + say(v);
}

}  // namespace

script_findings script_changes(const compared_side& baseline, const compared_side& vantage) {
  script_findings findings;
  auto& found = findings.reasons;
  const auto& b = baseline;
  const auto& v = vantage;
  if (!b.rendered && !v.rendered) return findings;
  if (!b.rendered || !v.rendered) {
    const auto& rendered = b.rendered ? b : v;
    const auto& served = b.rendered ? v : b;
    found.push_back({0, rendered.name + " was rendered in a browser and " + served.name +
                            " was not: scripts were not compared"});
    return findings;
  }
  if (b.rendered->failed || v.rendered->failed) {
    for (const auto* side : {&v, &b}) {
      if (side->rendered->failed)
        found.push_back({0, side->name + "'s render failed: " + side->rendered->failure});
    }
    findings.render_failed = true;
    return findings;
  }
  const auto& rb = *b.rendered;
  const auto& rv = *v.rendered;
  const bool by_script = served_alike(b.served, v.served);
  if (rb.site != rv.site) {
    found.push_back({destination_weight, by_script
                                             ? both(b, v, navigation, rv.site != v.served.site)
                                             : "in the browser, " + v.name + " ends on " + rv.site +
                                                   "; " + b.name + " on " + rb.site});
  }
  if (!same_offer(rb, rv)) {
    const bool offer_differs = rb.offers() != rv.offers();
    found.push_back(
        {offer_differs ? offer_weight : state_weight,
         by_script ? both(b, v, script_effect, !same_offer(v.served, rv))
                   : "in the browser, " + what_gets(v.name, rv) + "; " + what_gets(b.name, rb)});
  }
  // Scripts that build the same offer for everyone (a single-page app, a shop drawn by a
  // script) are said once, as what both see, and weigh nothing.
  if (found.empty() && !same_offer(b.served, rb)) {
    found.push_back({0, v.name + " and " + b.name + " see " + describe(rb) +
                            " once scripts ran; the served HTML was " + describe(b.served)});
  }
  for (const auto* side : {&v, &b}) {
    if (!side->rendered->read_despite.empty())
      found.push_back(
          {0, side->name + "'s page was compared as read, though " + side->rendered->read_despite});
  }
  return findings;
}

}  // namespace geocrawl
