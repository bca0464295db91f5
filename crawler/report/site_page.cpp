#include "crawler/report/site_page.hpp"

#include <algorithm>
#include <functional>

#include "crawler/report/complaint_text.hpp"
#include "crawler/report/exit_check_text.hpp"
#include "crawler/report/html_escape.hpp"
#include "crawler/report/network_page.hpp"
#include "crawler/report/report_page.hpp"
#include "crawler/report/site_summary.hpp"
#include "crawler/report/text_diff.hpp"
#include "crawler/report/text_snippets.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

namespace {

// URLs, titles and header values are shown up to this many bytes each.
constexpr std::size_t max_shown_bytes = 2000;

std::string score_text(const std::optional<double>& score) {
  return score ? "score " + score_digits(*score) : "no score";
}

std::string verdict_html(const std::optional<cloaking_verdict>& verdict) {
  if (!verdict) return "<span class=\"note\">no verdict: seen from one vantage</span>";
  auto word = html_text(to_string(*verdict));
  return "<span class=\"verdict-" + word + "\">" + word + "</span>";
}

std::string list_html(const std::vector<std::string>& items, std::string_view none) {
  if (items.empty()) return "<span class=\"note\">" + html_text(none) + "</span>";
  std::string html = "<ul>";
  for (const auto& item : items)
    html += "<li>" + html_text_bounded(item, max_shown_bytes) + "</li>";
  return html + "</ul>";
}

std::string exit_html(const view& seen) {
  auto ip = seen.exit_ip.empty() ? std::string("<span class=\"note\">unknown</span>")
                                 : html_text(seen.exit_ip);
  auto country = seen.exit_country.empty() ? std::string("<span class=\"note\">unknown</span>")
                                           : html_text(seen.exit_country);
  auto html = ip + "<br>" + country;
  if (!seen.exit_geoip.empty()) {
    html += "<br><span class=\"note\">GeoIP " + html_text(seen.exit_geoip) + "</span>";
  }
  for (const auto& line : exit_check_lines(seen)) {
    html += "<br><span class=\"note\">" + html_text_bounded(line, max_shown_bytes) + "</span>";
  }
  return html;
}

std::string status_html(const view& seen) {
  if (!seen.error) return std::to_string(seen.status);
  return "<span class=\"note\">no page</span> " + html_text(short_code(seen.error->code)) + ": " +
         html_text_bounded(without_credentials(seen.error->message), max_shown_bytes);
}

std::string redirects_html(const view& seen) {
  if (seen.redirects.size() < 2) return "<span class=\"note\">none</span>";
  std::string html = "<ol>";
  for (const auto& hop : seen.redirects) {
    html += "<li>" + std::to_string(hop.status) + " <code>" +
            html_text_bounded(hop.url, max_shown_bytes) + "</code>";
    if (hop.next) html += " → " + html_text(to_string(*hop.next));
    html += "</li>";
  }
  return html + "</ol>";
}

std::string drugs_of(const std::optional<page_analysis>& analysis) {
  if (!analysis) return "<span class=\"note\">no readable page</span>";
  std::vector<std::string> drugs;
  for (const auto& hit : analysis->found.drugs) {
    drugs.push_back(hit.term + " → " + hit.drug + " ×" + std::to_string(hit.count));
  }
  return list_html(drugs, "none");
}

std::string no_rx_of(const std::optional<page_analysis>& analysis) {
  if (!analysis) return "<span class=\"note\">no readable page</span>";
  return list_html(analysis->found.no_rx_phrases, "none");
}

std::string drugs_html(const view& seen) { return drugs_of(seen.analysis); }

std::string no_rx_html(const view& seen) { return no_rx_of(seen.analysis); }

std::string snippets_cell(const view& seen) {
  if (!seen.analysis) return "<span class=\"note\">no readable page</span>";
  std::vector<std::string> terms;
  for (const auto& hit : seen.analysis->found.drugs) terms.push_back(hit.term);
  for (const auto& phrase : seen.analysis->found.no_rx_phrases) terms.push_back(phrase);
  const auto& text = seen.analysis->page.text;
  auto found = find_snippets(text, terms);
  if (found.snippets.empty()) return "<span class=\"note\">nothing to highlight</span>";
  return snippets_html(text, found);
}

std::string headers_html(const view& seen) {
  if (seen.response_headers.empty()) return "<span class=\"note\">none</span>";
  std::string html = "<dl>";
  for (const auto& [name, value] : seen.response_headers) {
    html += "<dt>" + html_text_bounded(name, max_shown_bytes) + "</dt><dd>" +
            html_text_bounded(value, max_shown_bytes) + "</dd>";
  }
  return html + "</dl>";
}

std::string tls_html(const view& seen) {
  if (!seen.tls) return "<span class=\"note\">not https</span>";
  const auto& tls = *seen.tls;
  std::string html = html_text(tls.version) + " " + html_text(tls.cipher);
  html += "<br>subject: " + html_text_bounded(tls.subject, max_shown_bytes);
  html += "<br>issuer: " + html_text_bounded(tls.issuer, max_shown_bytes);
  html += "<br>valid: " + html_text(tls.not_before) + " – " + html_text(tls.not_after);
  html += "<br>SHA-256: <code>" + html_text(tls.sha256_fingerprint) + "</code>";
  html += tls.verified
              ? std::string("<br>verified")
              : "<br>NOT verified: " + html_text_bounded(tls.verify_error, max_shown_bytes);
  return html;
}

std::string body_html(const view& seen) {
  std::string html = "SHA-256: <code>" + html_text(seen.sha256) + "</code><br>" +
                     std::to_string(seen.body.size()) + " bytes, " +
                     html_text_bounded(seen.content_type, max_shown_bytes);
  if (seen.truncated) {
    html += "<br><span class=\"note\">cut short: " +
            html_text_bounded(seen.truncated_reason, max_shown_bytes) + "</span>";
  }
  return html;
}

std::string times_html(const view& seen) {
  return html_text(seen.fetched_at) + "<br>" + std::to_string(seen.timings.total.count()) +
         " ms in all";
}

// A screenshot is shown only from inside the report's folder, so the report works wherever
// it is copied and no path can reach outside it.
bool inside_report(const std::filesystem::path& png) {
  if (png.empty() || png.is_absolute() || png.has_root_name()) return false;
  for (const auto& part : png) {
    if (part == "..") return false;
  }
  return true;
}

// The path as a relative URL: every byte outside a small safe set percent-encoded.
std::string relative_url(const std::filesystem::path& png) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string url = "../";
  for (char c : png.generic_string()) {
    auto byte = static_cast<unsigned char>(c);
    bool safe = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' || c == '/';
    if (safe) {
      url += c;
    } else {
      url += '%';
      url += hex[byte >> 4];
      url += hex[byte & 0xF];
    }
  }
  return url;
}

std::string screenshot_html(const std::vector<view_screenshot>& shots, std::size_t index,
                            std::string_view alt) {
  if (index >= shots.size()) return "<span class=\"note\">not taken</span>";
  const auto& shot = shots[index];
  if (shot.png && inside_report(*shot.png)) {
    return "<img class=\"screenshot\" src=\"" + html_attribute(relative_url(*shot.png)) +
           "\" alt=\"" + html_attribute(alt) + "\">";
  }
  if (shot.png) return "<span class=\"note\">screenshot outside the report folder</span>";
  return "<span class=\"note\">no screenshot: " + html_text(shot.why_none) + "</span>";
}

// The blocked and failed requests a rendered page made listed, at most this many.
constexpr std::size_t max_listed_requests = 20;

std::string rendered_by_html(const rendered_page& page) {
  std::string html = html_text(page.emulation.locale_and_zone()) + "<br><span class=\"note\">" +
                     html_text_bounded(page.emulation.user_agent, max_shown_bytes) + "</span>";
  html += "<br>" + html_text(page.rendered_at) + ", load " +
          std::to_string(page.load_time.count()) + " ms, " + std::to_string(page.total.count()) +
          " ms in all";
  if (page.error) {
    html += "<br><span class=\"note\">render failed: " + html_text(short_code(page.error->code)) +
            ": " + html_text_bounded(without_credentials(page.error->message), max_shown_bytes) +
            "</span>";
  }
  return html;
}

std::string requests_html(const rendered_page& page) {
  const auto& requests = page.requests.requests;
  std::size_t blocked = 0;
  std::vector<std::string> listed;
  for (const auto& request : requests) {
    if (is_blocked(request.outcome)) ++blocked;
    if (request.outcome == relay_outcome::relayed) continue;
    listed.push_back(request.http_method + " " + request.target + ": " +
                     std::string(to_string(request.outcome)) +
                     (request.reason.empty() ? "" : " (" + request.reason + ")"));
  }
  std::string html =
      std::to_string(requests.size()) + " requests, " + std::to_string(blocked) + " blocked";
  if (listed.empty()) return html;
  const auto more = listed.size() > max_listed_requests ? listed.size() - max_listed_requests : 0;
  listed.resize(listed.size() - more);
  html += list_html(listed, "");
  if (more > 0) html += "<span class=\"note\">and " + std::to_string(more) + " more</span>";
  return html;
}

// The rows of what each rendered vantage's browser made of the page; "not rendered" for a view
// without one. Everything in them the page wrote (URL, title, targets) is escaped like the served
// page's.
template <typename Row>
void rendered_rows(const report_site& site, Row& row) {
  const auto rendered = [&site](std::string (*render)(const rendered_page&)) {
    return [&site, render](std::size_t i) {
      const auto& page = site.views[i].rendered;
      return page ? render(*page) : std::string("<span class=\"note\">not rendered</span>");
    };
  };
  row("rendered in a browser", rendered(rendered_by_html));
  row("rendered final URL", rendered([](const rendered_page& page) {
        return "<code>" + html_text_bounded(page.final_url, max_shown_bytes) + "</code>";
      }));
  row("rendered title", rendered([](const rendered_page& page) {
        return html_text_bounded(page.title, max_shown_bytes);
      }));
  row("rendered drugs",
      rendered([](const rendered_page& page) { return drugs_of(page.analysis); }));
  row("rendered no prescription",
      rendered([](const rendered_page& page) { return no_rx_of(page.analysis); }));
  row("page requests", rendered(requests_html));
  row("rendered screenshot", [&](std::size_t i) {
    if (!site.views[i].rendered) return std::string("<span class=\"note\">not rendered</span>");
    return screenshot_html(site.rendered_screenshots, i,
                           "screenshot of the page as this vantage's browser rendered it");
  });
}

std::string vantages_table(const report_site& site) {
  std::string html = "<table class=\"vantages\">\n";
  auto row = [&](std::string_view label, const std::function<std::string(std::size_t)>& cell) {
    html += "<tr><th scope=\"row\">";
    html += label;
    html += "</th>";
    for (std::size_t i = 0; i < site.views.size(); ++i) html += "<td>" + cell(i) + "</td>";
    html += "</tr>\n";
  };
  auto of_view = [&](std::string (*render)(const view&)) {
    return [&site, render](std::size_t i) { return render(site.views[i]); };
  };
  row("vantage", [&](std::size_t i) { return "<b>" + html_text(site.views[i].vantage) + "</b>"; });
  row("proxy", [&](std::size_t i) {
    const auto& proxy = site.views[i].proxy;
    return proxy.empty() ? std::string("direct") : html_text(without_credentials(proxy));
  });
  row("exit (verified)", of_view(exit_html));
  row("status", of_view(status_html));
  row("redirect chain", of_view(redirects_html));
  row("final URL", [&](std::size_t i) {
    return "<code>" + html_text_bounded(site.views[i].final_url, max_shown_bytes) + "</code>";
  });
  row("title", [&](std::size_t i) {
    const auto& analysis = site.views[i].analysis;
    return analysis ? html_text_bounded(analysis->page.title, max_shown_bytes) : std::string();
  });
  row("drugs", of_view(drugs_html));
  row("no prescription", of_view(no_rx_html));
  row("in the text", of_view(snippets_cell));
  row("screenshot", [&](std::size_t i) {
    return screenshot_html(site.screenshots, i, "screenshot of the page this vantage was served");
  });
  row("body", of_view(body_html));
  row("fetched (UTC)", of_view(times_html));
  row("TLS certificate", of_view(tls_html));
  row("response headers", of_view(headers_html));
  if (std::any_of(site.views.begin(), site.views.end(),
                  [](const view& seen) { return seen.rendered.has_value(); })) {
    rendered_rows(site, row);
  }
  return html + "</table>\n";
}

std::string verdict_section(const report_site& site) {
  std::string html = "<h2>Verdict</h2>\n<p>" + verdict_html(site.comparison.verdict) + ", " +
                     score_text(site.score) + "</p>\n";
  for (const auto& pair : site.comparison.comparisons) {
    html += "<h3>" + html_text(pair.vantage) + " against " + html_text(pair.baseline) + ": " +
            verdict_html(pair.verdict) + ", " + score_text(pair.score) + "</h3>\n" +
            list_html(pair.reasons, "no reasons given");
  }
  return html;
}

const view* view_of(const report_site& site, std::string_view vantage) {
  for (const auto& seen : site.views) {
    if (seen.vantage == vantage) return &seen;
  }
  return nullptr;
}

std::string diffs_section(const report_site& site) {
  std::string html;
  for (const auto& pair : site.comparison.comparisons) {
    const auto* baseline = view_of(site, pair.baseline);
    const auto* other = view_of(site, pair.vantage);
    if (baseline == nullptr || other == nullptr) continue;
    html += "<h3>" + html_text(pair.baseline) + " → " + html_text(pair.vantage) + "</h3>\n";
    if (!baseline->analysis || !other->analysis) {
      html += "<p class=\"note\">A side has no readable page.</p>\n";
      continue;
    }
    html += text_diff_html(diff_words(baseline->analysis->page.text, other->analysis->page.text));
  }
  if (html.empty()) return html;
  return "<h2>Text: the baseline against each vantage</h2>\n<p class=\"note\">Words only the "
         "baseline has are <del>struck</del>, words only the vantage has are "
         "<ins>marked</ins>.</p>\n" +
         html;
}

}  // namespace

std::string site_page_html(const report_site& site, const report_run& run) {
  auto domain = site_domain(site.url);
  auto html = page_start(domain, {});
  html += "<p><a href=\"../index.html\">All sites</a></p>\n";
  html += "<h1>" + html_text_bounded(domain, max_shown_bytes) + "</h1>\n";
  html += "<p>Site <code>" + html_text_bounded(site.url, max_shown_bytes) + "</code>, run " +
          html_text(run.id) + ". Links to the site are shown as text, never as links.</p>\n";
  html += "<p class=\"registrar\">" +
          html_text(registrar_text(site.registrar, site.registrar_unknown_why)) + "</p>\n";
  if (site.network_id) {
    const auto network = std::to_string(*site.network_id);
    html += "<p class=\"network\">In <a href=\"../" + std::string(network_pages_folder) + "/" +
            network_page_name(*site.network_id) + "\">network " + network +
            "</a>: the sites that share its identifiers.</p>\n";
  }
  html += verdict_section(site);
  html += "<h2>What each vantage was shown</h2>\n" + vantages_table(site);
  html += diffs_section(site);
  html +=
      "<h2>Complaint</h2>\n<p class=\"note\">Plain text for the registrar's abuse desk: one "
      "click selects it all.</p>\n<pre class=\"complaint\">" +
      html_text(complaint_text(site, run)) + "</pre>\n";
  html += page_end({});
  return html;
}

}  // namespace geocrawl
