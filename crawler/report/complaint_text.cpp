#include "crawler/report/complaint_text.hpp"

#include <sstream>

#include "crawler/report/bounded_text.hpp"
#include "crawler/report/exit_check_text.hpp"
#include "crawler/report/html_escape.hpp"
#include "crawler/report/site_summary.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

namespace {

// Enough of a title or URL to recognise it in an e-mail.
constexpr std::size_t max_quoted_bytes = 200;

std::string quoted_title(std::string_view text) {
  auto shown = utf8_prefix(text, max_quoted_bytes);
  return "\"" + std::string(shown) + (shown.size() < text.size() ? "…\"" : "\"");
}

std::string score_text(const std::optional<double>& score) {
  return score ? " (score " + score_digits(*score) + ")" : "";
}

void write_view(std::ostream& out, const view& seen) {
  out << "- " << seen.vantage << ": from "
      << (seen.exit_ip.empty() ? "an unknown address" : seen.exit_ip);
  out << " in " << (seen.exit_country.empty() ? "an unknown country" : seen.exit_country);
  out << ", at " << seen.fetched_at << "\n";
  for (const auto& line : exit_check_lines(seen)) out << "  " << line << "\n";
  if (seen.error) {
    out << "  no page: " << short_code(seen.error->code) << ": "
        << without_credentials(seen.error->message) << "\n";
    return;
  }
  out << "  HTTP " << seen.status << ", final URL " << utf8_prefix(seen.final_url, max_quoted_bytes)
      << "\n";
  if (!seen.analysis) return;
  const auto& found = seen.analysis->found;
  out << "  title: " << quoted_title(seen.analysis->page.title) << "\n";
  std::vector<std::string> drugs;
  for (const auto& hit : found.drugs) drugs.push_back(hit.term + " (" + hit.drug + ")");
  out << "  drugs offered: " << joined(drugs, "none found") << "\n";
  out << "  sold without prescription: " << joined(found.no_rx_phrases, "no such wording found")
      << "\n";
}

}  // namespace

std::string registrar_text(const std::optional<registrar_info>& registrar,
                           std::string_view unknown_why) {
  if (!registrar) {
    if (unknown_why.empty()) return "Registrar: registrar unknown\n";
    return std::string("Registrar: registrar unknown (RDAP lookup failed: ") +
           std::string(utf8_prefix(unknown_why, max_quoted_bytes)) + ")\n";
  }
  std::string text = "Registrar: " + (registrar->name.empty() ? "unknown" : registrar->name);
  if (!registrar->iana_id.empty()) text += " (IANA ID " + registrar->iana_id + ")";
  text += "\nAbuse contact: " +
          (registrar->abuse_email.empty() ? "e-mail unknown" : registrar->abuse_email);
  if (!registrar->abuse_phone.empty()) text += ", " + registrar->abuse_phone;
  return text + "\n";
}

std::string complaint_text(const report_site& site, const report_run& run) {
  std::ostringstream out;
  auto domain = site_domain(site.url);
  out << "Subject: Illegal online pharmacy at " << domain << "\n\n";
  out << "Domain: " << domain << "\n";
  out << "Site: " << utf8_prefix(site.url, max_quoted_bytes) << "\n";
  out << registrar_text(site.registrar, site.registrar_unknown_why);
  out << "\nWe fetched the site from " << site.views.size()
      << " vantages (countries and visitor profiles) and compared what each was shown.\n";
  out << "Verdict: " << (site.comparison.verdict ? to_string(*site.comparison.verdict) : "none")
      << score_text(site.score) << "\n";
  for (const auto& pair : site.comparison.comparisons) {
    out << "- " << pair.vantage << " against " << pair.baseline << ": " << to_string(pair.verdict)
        << "\n";
    for (const auto& reason : pair.reasons) out << "  " << reason << "\n";
  }
  out << "\nWhat each country was shown:\n";
  for (const auto& seen : site.views) write_view(out, seen);
  out << "\nEvidence (SHA-256 of each page as served, kept by us):\n";
  for (const auto& seen : site.views) {
    if (!seen.sha256.empty()) out << "- " << seen.vantage << ": " << seen.sha256 << "\n";
  }
  out << "\ngeocrawl run " << run.id << ", started " << run.started_at;
  if (!run.finished_at.empty()) out << ", finished " << run.finished_at;
  out << "\n";
  return out.str();
}

}  // namespace geocrawl
