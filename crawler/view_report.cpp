#include "crawler/view_report.hpp"

namespace geocrawl {

namespace {

void print_list(std::ostream& out, std::string_view label, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << label;
  for (std::size_t i = 0; i < items.size(); ++i) out << (i ? ", " : "") << items[i];
  out << "\n";
}

void print_view(std::ostream& out, const view& record) {
  out << "[" << record.vantage << "]";
  if (!record.proxy.empty()) out << " via " << record.proxy;
  if (!record.exit_ip.empty()) {
    out << ", exit " << record.exit_ip << " in " << record.exit_country << " (" << record.exit_geoip << ")";
  }
  out << "\n";
  if (record.error) out << "  error:       " << record.error->code << ": " << record.error->message << "\n";
  if (record.status != 0) out << "  status:      " << record.status << "\n";
  if (!record.final_url.empty()) out << "  final url:   " << record.final_url << "\n";
  if (record.redirects.size() > 1) {
    out << "  redirects:\n";
    for (const auto& hop : record.redirects) out << "    " << hop.status << "  " << hop.url << "\n";
  }
  if (!record.peer_address.empty()) out << "  server:      " << record.peer_address << "\n";
  if (record.tls) {
    out << "  tls:         " << record.tls->version << ", "
        << (record.tls->verified ? "certificate verified" : "NOT verified: " + record.tls->verify_error)
        << "\n  certificate: " << record.tls->subject << " (issuer " << record.tls->issuer << ", until "
        << record.tls->not_after << ")\n";
  }
  if (!record.content_type.empty()) out << "  type:        " << record.content_type << "\n";
  if (record.status != 0) {
    out << "  body:        " << record.body.size() << " bytes";
    if (!record.content_encoding.empty()) out << " (" << record.wire_bytes << " " << record.content_encoding << ")";
    if (record.truncated) out << ", TRUNCATED: " << record.truncated_reason;
    out << "\n  sha256:      " << record.sha256 << "\n";
  }
  if (record.analysis) print_analysis(out, *record.analysis);
  out << "  time:        " << record.timings.total.count() << " ms\n";
}

}  // namespace

void print_analysis(std::ostream& out, const page_analysis& analysis) {
  const auto& page = analysis.page;
  const auto& found = analysis.found;
  if (!page.title.empty()) out << "  title:       " << page.title << "\n";
  out << "  charset:     " << analysis.charset << " (from " << analysis.charset_source;
  if (!analysis.declared_charset.empty()) out << "; declared " << analysis.declared_charset;
  out << ")" << (page.lang.empty() ? "" : ", lang " + page.lang) << "\n";
  if (!found.drugs.empty()) {
    out << "  drugs:      ";
    for (const auto& hit : found.drugs) out << " " << hit.drug << " (" << hit.term << " x" << hit.count << ")";
    out << "\n";
  }
  out << "  no-rx:       " << (found.no_rx ? "YES" : "no") << "\n";
  print_list(out, "  no-rx text:  ", found.no_rx_phrases);
  print_list(out, "  signals:     ", found.signals);
  if (page.refresh) {
    out << "  refresh:     after " << page.refresh->delay_seconds << " s to "
        << (page.refresh->url.empty() ? "(same page)" : page.refresh->url) << "\n";
  }
  for (const auto& hint : page.script_redirects) {
    out << "  script:      " << hint.pattern << " -> " << (hint.target.empty() ? "(computed)" : hint.target) << "\n";
  }
  if (page.truncated) out << "  analysis:    TRUNCATED at its limits\n";
}

void print_fetch_report(std::ostream& out, std::string_view url, const std::vector<view>& views) {
  out << url << "\n";
  for (const auto& record : views) print_view(out, record);
}

}  // namespace geocrawl
