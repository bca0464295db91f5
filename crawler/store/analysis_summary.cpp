#include "crawler/store/analysis_summary.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace geocrawl {

namespace {

boost::json::array string_array(const std::vector<std::string>& items) {
  boost::json::array array;
  for (const auto& item : items) array.emplace_back(item);
  return array;
}

// The field as written by analysis_summary_json; a missing or mistyped field throws, and the
// whole summary is refused.
const boost::json::value& field(const boost::json::object& object, std::string_view name) {
  return object.at(name);
}

std::string text_of(const boost::json::object& object, std::string_view name) {
  return std::string(field(object, name).as_string());
}

std::vector<std::string> strings_of(const boost::json::object& object, std::string_view name) {
  std::vector<std::string> items;
  for (const auto& item : field(object, name).as_array()) items.emplace_back(item.as_string());
  return items;
}

}  // namespace

std::string analysis_summary_json(const page_analysis& analysis) {
  const auto& page = analysis.page;
  boost::json::object out;
  out["charset"] = analysis.charset;
  out["charset_source"] = analysis.charset_source;
  out["title"] = page.title;
  out["lang"] = page.lang;
  if (page.refresh) {
    out["refresh"] = {{"delay_seconds", page.refresh->delay_seconds}, {"url", page.refresh->url}};
  }
  out["canonical"] = page.canonical;
  out["link_count"] = page.link_count;
  out["external_hosts"] = string_array(page.external_hosts);
  out["checkout_form"] = std::any_of(page.forms.begin(), page.forms.end(),
                                     [](const form_summary& f) { return f.checkout; });
  boost::json::array scripts;
  for (const auto& hint : page.script_redirects)
    scripts.push_back(boost::json::object{{"pattern", hint.pattern}, {"target", hint.target}});
  out["script_redirects"] = std::move(scripts);
  out["truncated"] = page.truncated;
  boost::json::array drugs;
  for (const auto& hit : analysis.found.drugs) {
    drugs.push_back(boost::json::object{
        {"term", hit.term}, {"drug", hit.drug}, {"category", hit.category}, {"count", hit.count}});
  }
  out["drugs"] = std::move(drugs);
  out["no_rx"] = analysis.found.no_rx;
  out["no_rx_phrases"] = string_array(analysis.found.no_rx_phrases);
  out["signals"] = string_array(analysis.found.signals);
  return boost::json::serialize(out);
}

std::optional<page_analysis> analysis_from_summary(std::string_view json) {
  boost::json::parse_options options;
  // Page-derived strings were repaired to UTF-8 by the analysis; a row written otherwise is
  // still read rather than lost.
  options.allow_invalid_utf8 = true;
  boost::system::error_code error;
  const auto parsed = boost::json::parse(json, error, {}, options);
  if (error || !parsed.is_object()) return std::nullopt;
  const auto& in = parsed.get_object();
  try {
    page_analysis analysis;
    auto& page = analysis.page;
    analysis.charset = text_of(in, "charset");
    analysis.charset_source = text_of(in, "charset_source");
    page.title = text_of(in, "title");
    page.lang = text_of(in, "lang");
    if (const auto* refresh = in.if_contains("refresh")) {
      const auto& object = refresh->as_object();
      page.refresh =
          meta_refresh{field(object, "delay_seconds").to_number<double>(), text_of(object, "url")};
    }
    page.canonical = text_of(in, "canonical");
    page.link_count = field(in, "link_count").to_number<std::size_t>();
    page.external_hosts = strings_of(in, "external_hosts");
    // Only whether there was a checkout form is kept, as for a served view.
    if (field(in, "checkout_form").as_bool()) page.forms.push_back(form_summary{.checkout = true});
    for (const auto& item : field(in, "script_redirects").as_array()) {
      const auto& object = item.as_object();
      page.script_redirects.push_back({text_of(object, "pattern"), text_of(object, "target")});
    }
    page.truncated = field(in, "truncated").as_bool();
    for (const auto& item : field(in, "drugs").as_array()) {
      const auto& object = item.as_object();
      analysis.found.drugs.push_back({text_of(object, "term"), text_of(object, "drug"),
                                      text_of(object, "category"),
                                      field(object, "count").to_number<int>()});
    }
    analysis.found.no_rx = field(in, "no_rx").as_bool();
    analysis.found.no_rx_phrases = strings_of(in, "no_rx_phrases");
    analysis.found.signals = strings_of(in, "signals");
    return analysis;
  } catch (const std::exception&) {
    // at(), as_*() and to_number() throw on a missing or mistyped field.
    return std::nullopt;
  }
}

}  // namespace geocrawl
