#include "crawler/verdict/page_features.hpp"

#include <algorithm>
#include <optional>

#include <boost/url/parse.hpp>

#include "crawler/domain/registrable_domain.hpp"
#include "crawler/view/render_errc.hpp"

namespace geocrawl {

page_access access_of(int status) {
  if (status >= 200 && status <= 299) return page_access::ok;
  if (status == 401 || status == 403 || status == 407 || status == 429 || status == 451)
    return page_access::blocked;
  if (status >= 400 && status <= 499) return page_access::client_error;
  if (status >= 500) return page_access::server_error;
  return page_access::other;
}

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

namespace {

// A reason names at most this many drugs; a longer list ends in "other drugs".
constexpr std::size_t max_named_drugs = 5;

// Why a view (or its render) failed as an analyst reads it: the error code's plain meaning,
// then what the fetch said about it.
std::string failure_of(const std::optional<view_error>& error) {
  if (!error) return "no response came";
  auto text = error->code.message();
  if (!error->message.empty()) text += " (" + error->message + ")";
  return text;
}

// The page's features from its analysis, on top of `out`'s status: none without one.
void read_analysis(const std::string& final_url, const std::optional<page_analysis>& read,
                   page_texts& texts, page_features& out) {
  out.site = site_of(final_url);
  if (!read) {
    out.text = texts.keep("");
    return;
  }
  const auto& analysis = *read;
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
  out.text = texts.keep(analysis.page.title + "\n" + analysis.page.text);
}

}  // namespace

page_features features_of(const view& record, page_texts& texts) {
  page_features out;
  out.status = record.status;
  if (record.error || record.status == 0) {
    out.failed = true;
    out.failure = failure_of(record.error);
    return out;
  }
  read_analysis(record.final_url, record.analysis, texts, out);
  return out;
}

page_features rendered_features_of(const rendered_page& page, page_texts& texts) {
  page_features out;
  const bool read_in_full = page.error && page.error->code == render_errc::targets;
  if (read_in_full) out.read_despite = page.error->message;
  if ((page.error && !read_in_full) || !page.analysis) {
    out.failed = true;
    out.failure = page.error ? failure_of(page.error) : "the browser read no page";
    return out;
  }
  // A rendered page has no status of its own: it is a page, whatever the server first said.
  out.status = 200;
  read_analysis(page.final_url, page.analysis, texts, out);
  return out;
}

std::string describe(const page_features& side) {
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

std::string what_gets(const std::string& name, const page_features& side) {
  const auto status = "(HTTP " + std::to_string(side.status) + ")";
  switch (access_of(side.status)) {
    case page_access::ok:
      return name + " sees " + describe(side);
    case page_access::blocked:
      return name + " is refused " + status;
    case page_access::client_error:
      return name + " gets an error page " + status;
    case page_access::server_error:
      return name + " gets a server error " + status;
    case page_access::other:
      break;
  }
  return name + " gets no page " + status;
}

}  // namespace geocrawl
