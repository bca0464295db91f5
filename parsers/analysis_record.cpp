#include "parsers/analysis_record.hpp"

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace geocrawl {

namespace {

// The layout's own mark; a change of layout also bumps page_analysis.cpp's revision, so a
// record of another layout is never looked up, and this only guards against damage.
constexpr std::uint8_t layout = 2;

class writer {
 public:
  void number(std::uint64_t value) {
    while (value >= 0x80) {
      out_ += static_cast<char>((value & 0x7f) | 0x80);
      value >>= 7;
    }
    out_ += static_cast<char>(value);
  }
  void text(std::string_view value) {
    number(value.size());
    out_ += value;
  }
  void real(double value) { number(std::bit_cast<std::uint64_t>(value)); }
  void flag(bool value) { number(value ? 1 : 0); }
  template <typename T, typename F>
  void list(const std::vector<T>& items, F each) {
    number(items.size());
    for (const auto& item : items) each(item);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class reader {
 public:
  explicit reader(std::string_view in) : in_(in) {}

  bool number(std::uint64_t& value) {
    value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return false;
      const auto byte = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  template <typename T>
  bool small(T& value) {
    std::uint64_t raw = 0;
    if (!number(raw) || raw > std::numeric_limits<T>::max()) return false;
    value = static_cast<T>(raw);
    return true;
  }
  bool text(std::string& value) {
    std::uint64_t size = 0;
    if (!number(size) || size > in_.size()) return false;
    value.assign(in_.substr(0, size));
    in_.remove_prefix(size);
    return true;
  }
  bool real(double& value) {
    std::uint64_t raw = 0;
    if (!number(raw)) return false;
    value = std::bit_cast<double>(raw);
    return true;
  }
  bool flag(bool& value) {
    std::uint64_t raw = 0;
    if (!number(raw) || raw > 1) return false;
    value = raw == 1;
    return true;
  }
  // Each item takes at least one byte, so a count beyond what is left is damage.
  template <typename T, typename F>
  bool list(std::vector<T>& items, F each) {
    std::uint64_t count = 0;
    if (!number(count) || count > in_.size()) return false;
    items.resize(count);
    for (auto& item : items) {
      if (!each(item)) return false;
    }
    return true;
  }
  bool at_end() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace

std::string serialize_analysis(const document_analysis& analysis) {
  writer out;
  out.number(layout);
  out.text(analysis.charset);
  out.text(analysis.charset_source);
  out.text(analysis.declared_charset);
  const auto& page = analysis.document.page;
  out.text(page.title);
  out.text(page.text);
  out.text(page.lang);
  out.text(page.meta_description);
  out.flag(page.refresh.has_value());
  if (page.refresh) {
    out.real(page.refresh->delay_seconds);
    out.text(page.refresh->url);
  }
  out.text(page.canonical);
  out.number(page.link_count);
  out.list(page.external_hosts, [&](const std::string& host) { out.text(host); });
  out.list(page.forms, [&](const form_summary& form) {
    out.text(form.action);
    out.text(form.method);
    out.flag(form.checkout);
  });
  out.list(page.image_alts, [&](const std::string& alt) { out.text(alt); });
  out.list(page.script_redirects, [&](const script_redirect& redirect) {
    out.text(redirect.pattern);
    out.text(redirect.target);
  });
  out.flag(page.truncated);
  out.list(analysis.document.references, [&](const page_reference& reference) {
    out.number(static_cast<std::uint64_t>(reference.kind));
    out.text(reference.text);
    out.number(reference.item);
  });
  const auto& found = analysis.found;
  out.list(found.drugs, [&](const drug_hit& hit) {
    out.text(hit.term);
    out.text(hit.drug);
    out.text(hit.category);
    out.number(static_cast<std::uint64_t>(hit.count));
  });
  out.flag(found.no_rx);
  out.list(found.no_rx_phrases, [&](const std::string& phrase) { out.text(phrase); });
  out.list(found.signals, [&](const std::string& signal) { out.text(signal); });
  out.list(analysis.identifiers, [&](const page_identifier& id) {
    out.number(static_cast<std::uint64_t>(id.kind));
    out.text(id.value);
  });
  return out.take();
}

std::optional<document_analysis> deserialize_analysis(std::string_view record) {
  reader in(record);
  document_analysis analysis;
  auto& page = analysis.document.page;
  auto& found = analysis.found;
  std::uint8_t record_layout = 0;
  bool has_refresh = false;
  const auto text = [&](std::string& value) { return in.text(value); };
  const bool whole =
      in.small(record_layout) && record_layout == layout && in.text(analysis.charset) &&
      in.text(analysis.charset_source) && in.text(analysis.declared_charset) &&
      in.text(page.title) && in.text(page.text) && in.text(page.lang) &&
      in.text(page.meta_description) && in.flag(has_refresh) &&
      (!has_refresh || (page.refresh.emplace(),
                        in.real(page.refresh->delay_seconds) && in.text(page.refresh->url))) &&
      in.text(page.canonical) && in.small(page.link_count) && in.list(page.external_hosts, text) &&
      in.list(page.forms,
              [&](form_summary& form) {
                return in.text(form.action) && in.text(form.method) && in.flag(form.checkout);
              }) &&
      in.list(page.image_alts, text) &&
      in.list(page.script_redirects,
              [&](script_redirect& redirect) {
                return in.text(redirect.pattern) && in.text(redirect.target);
              }) &&
      in.flag(page.truncated) &&
      in.list(analysis.document.references,
              [&](page_reference& reference) {
                std::uint8_t kind = 0;
                if (!in.small(kind) ||
                    kind > static_cast<std::uint8_t>(page_reference_kind::touch_icon))
                  return false;
                reference.kind = static_cast<page_reference_kind>(kind);
                return in.text(reference.text) && in.small(reference.item);
              }) &&
      in.list(found.drugs,
              [&](drug_hit& hit) {
                return in.text(hit.term) && in.text(hit.drug) && in.text(hit.category) &&
                       in.small(hit.count);
              }) &&
      in.flag(found.no_rx) && in.list(found.no_rx_phrases, text) && in.list(found.signals, text) &&
      in.list(analysis.identifiers,
              [&](page_identifier& id) {
                std::uint8_t kind = 0;
                if (!in.small(kind) || kind >= identifier_kind_count) return false;
                id.kind = static_cast<identifier_kind>(kind);
                return in.text(id.value);
              }) &&
      in.at_end();
  if (!whole) return std::nullopt;
  return analysis;
}

}  // namespace geocrawl
