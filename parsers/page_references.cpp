#include "parsers/page_references.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "parsers/ascii.hpp"
#include "parsers/checkout_signals.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {

namespace {

// Replays a document's references in document order, as the extractor met them: a
// reference resolves against the <base> in force at its place, or the page.
class reference_resolver {
 public:
  reference_resolver(page_extract& out, std::string_view page_url, const extract_limits& limits)
      : out_(out), limits_(limits), page_(parse_web_url(page_url)) {
    if (page_) page_host_ = std::string_view(page_->encoded_host());
  }

  void apply(const page_reference& reference) {
    switch (reference.kind) {
      case page_reference_kind::base:
        if (!base_ && page_) {
          if (auto base = resolve_web_url(*page_, reference.text)) base_ = std::move(*base);
        }
        break;
      case page_reference_kind::canonical:
        if (out_.canonical.empty()) out_.canonical = resolve(reference.text);
        break;
      case page_reference_kind::refresh:
        if (out_.refresh) out_.refresh->url = resolve(reference.text);
        break;
      case page_reference_kind::form_action:
        if (reference.item < out_.forms.size())
          form_action(out_.forms[reference.item], reference.text);
        break;
      case page_reference_kind::script_target:
        if (reference.item < out_.script_redirects.size())
          out_.script_redirects[reference.item].target = resolve(reference.text);
        break;
      case page_reference_kind::link_host:
        add_host(reference.text);
        break;
      case page_reference_kind::link_relative:
        if (base_) add_host(std::string_view(base_->encoded_host()));
        break;
      case page_reference_kind::link_raw:
        if (const auto url = resolve_result(reference.text))
          add_host(std::string_view(url->encoded_host()));
        break;
      case page_reference_kind::icon:
        if (out_.icon.empty() || icon_is_touch_) {
          if (auto url = resolve(reference.text); !url.empty()) {
            out_.icon = std::move(url);
            icon_is_touch_ = false;
          }
        }
        break;
      case page_reference_kind::touch_icon:
        if (out_.icon.empty()) {
          out_.icon = resolve(reference.text);
          icon_is_touch_ = !out_.icon.empty();
        }
        break;
    }
  }

  void finish() { std::sort(out_.external_hosts.begin(), out_.external_hosts.end()); }

 private:
  web_url_result resolve_result(std::string_view reference) const {
    if (base_) return resolve_web_url(*base_, reference);
    if (page_) return resolve_web_url(*page_, reference);
    return parse_web_url(reference);
  }

  std::string resolve(std::string_view reference) const {
    if (trim_ascii_whitespace(reference).empty()) return {};
    auto url = resolve_result(reference);
    return url ? std::string(url->buffer()) : std::string();
  }

  // An absent or empty action submits to the document's own URL. Only a written action
  // counts toward checkout: a search box on a /cart page is not a checkout.
  void form_action(form_summary& form, std::string_view action) const {
    form.action = action.empty() ? std::string(page_ ? page_->buffer() : "") : resolve(action);
    if (!action.empty() && is_checkout_action(form.action.empty() ? action : form.action))
      form.checkout = true;
  }

  void add_host(std::string_view host_name) {
    if (host_name == page_host_) return;
    std::string host(host_name);
    if (hosts_seen_.contains(host)) return;
    if (out_.external_hosts.size() >= limits_.max_items) {
      out_.truncated = true;
      return;
    }
    out_.external_hosts.push_back(host);
    hosts_seen_.insert(std::move(host));
  }

  page_extract& out_;
  const extract_limits& limits_;
  web_url_result page_;
  std::optional<boost::urls::url> base_;  // the first <base href> that resolves
  std::string page_host_;
  std::unordered_set<std::string> hosts_seen_;
  bool icon_is_touch_ = false;  // out_.icon came from an apple-touch-icon, which an icon replaces
};

}  // namespace

page_extract resolve_references(const document_extract& document, std::string_view page_url,
                                const extract_limits& limits) {
  page_extract out = document.page;
  reference_resolver resolver(out, page_url, limits);
  for (const auto& reference : document.references) resolver.apply(reference);
  resolver.finish();
  return out;
}

}  // namespace geocrawl
