#include "crawler/cli/view_report.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <sstream>

#include "crawler/cli/phase_times.hpp"
#include "crawler/cli/terminal_text.hpp"
#include "crawler/cli/url_shortening.hpp"
#include "parsers/web_url.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

namespace {

// "12.345": seconds to the millisecond the age was measured in.
std::string fixed_seconds(std::chrono::milliseconds time) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(time.count()) / 1000.0);
  return text;
}

void print_list(std::ostream& out, std::string_view label, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << label;
  for (std::size_t i = 0; i < items.size(); ++i) out << (i ? ", " : "") << terminal_text(items[i]);
  out << "\n";
}

// Columns on a terminal: East Asian wide and fullwidth characters take two cells.
std::size_t display_width(UChar32 c) {
  const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

// One cell of the side-by-side table: `width` columns exactly, cut with "~" when longer.
std::string cell(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t used = 0;
  const auto size = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < size;) {
    const auto start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, size, c);
    const auto columns = display_width(c < 0 ? U'\uFFFD' : c);
    if (used + columns > width - 1 && i < size) {
      out += '~';
      ++used;
      break;
    }
    if (used + columns > width) break;
    const bool blank = c == '\n' || c == '\t';
    out += blank
               ? std::string_view(" ")
               : text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    used += columns;
  }
  return out + std::string(width - used, ' ');
}

std::string drugs_cell(const std::optional<page_analysis>& analysis) {
  if (!analysis) return "-";
  std::string text;
  for (const auto& hit : analysis->found.drugs) {
    if (text.find(hit.drug) != std::string::npos) continue;
    if (!text.empty()) text += ",";
    text += hit.drug;
  }
  return text.empty() ? "-" : text;
}

void print_side_by_side(std::ostream& out, const std::vector<view>& views) {
  constexpr std::size_t width = 30;
  const auto row = [&](std::string_view label, auto&& value_of) {
    out << "  " << label;
    for (std::size_t pad = label.size(); pad < 10; ++pad) out << ' ';
    for (const auto& record : views) out << "| " << cell(value_of(record), width);
    out << "\n";
  };
  row("vantage", [](const view& v) {
    return v.vantage + (v.exit_country.empty() ? "" : " (" + v.exit_country + ")");
  });
  row("status", [](const view& v) {
    return v.error ? std::string(short_code(v.error->code)) : std::to_string(v.status);
  });
  std::vector<std::string_view> final_urls;
  for (const auto& record : views) final_urls.push_back(record.final_url);
  const auto differs_at = first_difference(final_urls);
  row("final url", [&](const view& v) { return shortened_url(v.final_url, width, differs_at); });
  row("title",
      [](const view& v) { return v.analysis ? v.analysis->page.title : std::string("-"); });
  row("drugs", [](const view& v) { return drugs_cell(v.analysis); });
  row("no-rx", [](const view& v) {
    return std::string(v.analysis && v.analysis->found.no_rx ? "yes" : "no");
  });
  row("bytes", [](const view& v) { return std::to_string(v.body.size()); });
  // What the browsers showed, when any vantage was rendered: "-" for one that was not.
  if (std::none_of(views.begin(), views.end(), [](const view& v) { return v.rendered; })) return;
  const auto rendered = [](const view& v, auto&& value_of) {
    if (!v.rendered) return std::string("-");
    if (v.rendered->error) return "render " + std::string(short_code(v.rendered->error->code));
    return std::string(value_of(*v.rendered));
  };
  std::vector<std::string_view> rendered_urls;
  for (const auto& record : views) {
    if (record.rendered) rendered_urls.push_back(record.rendered->final_url);
  }
  const auto rendered_differ_at = first_difference(rendered_urls);
  row("js url", [&](const view& v) {
    return rendered(v, [&](const rendered_page& page) {
      return shortened_url(page.final_url, width, rendered_differ_at);
    });
  });
  row("js drugs", [&](const view& v) {
    return rendered(v, [](const rendered_page& page) { return drugs_cell(page.analysis); });
  });
  row("js no-rx", [&](const view& v) {
    return rendered(v, [](const rendered_page& page) {
      return std::string(page.analysis && page.analysis->found.no_rx ? "yes" : "no");
    });
  });
}

// "site.example:443": the host and port a view asked for, which a proxied view's peer
// address is not.
std::string target_of(const view& record) {
  const auto parsed =
      parse_web_url(record.final_url.empty() ? record.requested_url : record.final_url);
  if (!parsed) return "";
  const auto host = connect_host(*parsed);
  return (host.find(':') == std::string::npos ? host : "[" + host + "]") + ":" +
         std::to_string(connect_port(*parsed));
}

// "dns 3 ms, connect 1 ms, first byte 4 ms, total 9 ms": only the phases that happened.
void print_times(std::ostream& out, const view& record) {
  const auto times = phase_times_of(record);
  out << "  time:        ";
  for (const auto& [name, time] :
       {std::pair{"dns", times.dns}, std::pair{"connect", times.connect},
        std::pair{"tls", times.tls}, std::pair{"first byte", times.first_byte}}) {
    if (time) out << name << " " << time->count() << " ms, ";
  }
  out << "total " << times.total.count() << " ms\n";
}

// A rendered page's block. The browser's title, URL, request targets and error are the page's
// words (a script writes them as it likes), so each goes through terminal_text.
void print_rendered(std::ostream& out, const rendered_page& page) {
  const auto& emulation = page.emulation;
  out << "  rendered:    in a browser as " << terminal_text(emulation.locale_and_zone())
      << " (Accept-Language " << terminal_text(emulation.accept_language) << "), load "
      << page.load_time.count() << " ms, total " << page.total.count() << " ms\n";
  if (page.error) {
    out << "    render error: " << short_code(page.error->code) << ": "
        << terminal_text(page.error->message) << "\n";
  }
  if (!page.final_url.empty()) out << "    final url:   " << terminal_text(page.final_url) << "\n";
  if (!page.dom_sha256.empty()) {
    out << "    dom:         " << page.dom.size() << " bytes"
        << (page.dom_truncated ? ", TRUNCATED at max_body_bytes" : "")
        << "\n    sha256:      " << terminal_text(page.dom_sha256) << "\n";
  }
  const auto& requests = page.requests.requests;
  const auto blocked = std::count_if(requests.begin(), requests.end(),
                                     [](const relay_request& r) { return is_blocked(r.outcome); });
  out << "    requests:    " << requests.size() << ", " << blocked << " blocked";
  if (page.requests.connections_refused > 0)
    out << ", " << page.requests.connections_refused << " connections not from loopback refused";
  out << "\n";
  for (const auto& request : requests) {
    if (request.outcome == relay_outcome::relayed) continue;
    out << "      " << (is_blocked(request.outcome) ? "blocked:   " : "failed:    ")
        << terminal_text(request.http_method) << " " << terminal_text(request.target) << ": "
        << to_string(request.outcome);
    if (!request.reason.empty()) out << " (" << terminal_text(request.reason) << ")";
    out << "\n";
  }
  if (page.analysis) {
    // The analysis lines, indented under the rendered block.
    std::ostringstream analysis;
    print_analysis(analysis, *page.analysis);
    std::istringstream lines(analysis.str());
    for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
  }
}

// The site's favicon, fetched through this view's vantage. Its URL is the page's (a <link>
// href), so it goes through terminal_text like the page's other words.
void print_favicon(std::ostream& out, const favicon_fetch& icon) {
  out << "  favicon:     " << terminal_text(icon.url) << "\n               "
      << to_string(icon.outcome);
  if (icon.hash) out << " " << *icon.hash << " (Shodan http.favicon.hash)";
  if (icon.status != 0) out << ", status " << icon.status << ", " << icon.bytes << " bytes";
  if (icon.error) out << ": " << short_code(icon.error->code) << ": " << icon.error->message;
  if (!icon.detail.empty()) out << ": " << icon.detail;
  out << "\n";
}

void print_view(std::ostream& out, const view& record) {
  out << "[" << record.vantage << "]";
  // When proxied, the address connected to is the proxy's; the target is named below.
  if (!record.proxy.empty()) {
    out << " via proxy " << record.proxy;
    if (!record.peer_address.empty()) out << " (" << record.peer_address << ")";
  }
  if (!record.exit_ip.empty()) out << ", exit " << record.exit_ip;
  if (!record.exit_country.empty())
    out << " in " << record.exit_country << " (" << record.exit_geoip << ")";
  // A direct exit whose country is unknown says so, so nobody takes the baseline's
  // country for granted.
  if (!record.exit_unverified.empty()) out << ", exit not verified: " << record.exit_unverified;
  out << "\n";
  // Which check vouched for the exit, and how fresh it was: the analyst's evidence of the exit.
  if (!record.exit_checked_at.empty()) {
    out << "  exit check:  " << record.exit_checked_at;
    if (record.exit_check_age)
      out << ", " << fixed_seconds(*record.exit_check_age) << " s before the view";
    if (record.exit_check_id) out << " (proxy check " << *record.exit_check_id << ")";
    out << "\n";
  }
  if (record.exit_changed)
    out << "  exit changed: the exit moved to another country while this view was served\n";
  if (record.error)
    out << "  error:       " << short_code(record.error->code) << ": " << record.error->message
        << "\n";
  if (record.status != 0) out << "  status:      " << record.status << "\n";
  if (!record.final_url.empty()) out << "  final url:   " << record.final_url << "\n";
  if (record.redirects.size() > 1) {
    out << "  redirects:\n";
    for (const auto& hop : record.redirects) out << "    " << hop.status << "  " << hop.url << "\n";
  }
  if (!record.proxy.empty()) {
    out << "  target:      " << target_of(record) << ", through the proxy\n";
  } else if (!record.peer_address.empty()) {
    out << "  server:      " << record.peer_address << "\n";
  }
  if (record.tls) {
    out << "  tls:         " << record.tls->version << ", "
        << (record.tls->verified ? "certificate verified"
                                 : "NOT verified: " + record.tls->verify_error)
        << "\n  certificate: " << record.tls->subject << " (issuer " << record.tls->issuer
        << ", until " << record.tls->not_after << ")\n";
    if (!record.tls->dns_names.empty()) {
      out << "  names:      ";
      for (const auto& name : record.tls->dns_names) out << " " << name;
      if (record.tls->dns_name_count > record.tls->dns_names.size())
        out << " (the first " << record.tls->dns_names.size() << " of "
            << record.tls->dns_name_count << ")";
      out << "\n";
    }
  }
  if (!record.content_type.empty()) out << "  type:        " << record.content_type << "\n";
  if (record.status != 0) {
    out << "  body:        " << record.body.size() << " bytes";
    if (!record.content_encoding.empty())
      out << " (" << record.wire_bytes << " " << record.content_encoding << ")";
    if (record.truncated) out << ", TRUNCATED: " << record.truncated_reason;
    out << "\n  sha256:      " << record.sha256 << "\n";
  }
  if (record.analysis) print_analysis(out, *record.analysis);
  print_times(out, record);
  if (record.favicon) print_favicon(out, *record.favicon);
  if (record.rendered) print_rendered(out, *record.rendered);
}

// A bare domain was fetched as https or, where that failed at the connection, as http:
// each URL the views started from, with the vantages that used it.
void print_fetched_as(std::ostream& out, std::string_view url, const std::vector<view>& views) {
  std::vector<std::pair<std::string, std::vector<std::string>>> used;
  for (const auto& record : views) {
    auto found = std::find_if(used.begin(), used.end(), [&](const auto& entry) {
      return entry.first == record.requested_url;
    });
    if (found == used.end()) found = used.insert(used.end(), {record.requested_url, {}});
    found->second.push_back(record.vantage);
  }
  if (used.size() == 1 && used.front().first == url) return;
  for (const auto& [requested, vantages] : used) {
    out << "fetched as " << requested << " (";
    for (std::size_t i = 0; i < vantages.size(); ++i) out << (i ? ", " : "") << vantages[i];
    out << ")\n";
  }
}

}  // namespace

void print_analysis(std::ostream& out, const page_analysis& analysis) {
  const auto& page = analysis.page;
  const auto& found = analysis.found;
  // Everything below but the counts is the page's text: each piece through terminal_text.
  if (!page.title.empty()) out << "  title:       " << terminal_text(page.title) << "\n";
  out << "  charset:     " << analysis.charset << " (from " << analysis.charset_source;
  if (!analysis.declared_charset.empty()) out << "; declared " << analysis.declared_charset;
  out << ")" << (page.lang.empty() ? "" : ", lang " + terminal_text(page.lang)) << "\n";
  if (!found.drugs.empty()) {
    out << "  drugs:      ";
    for (const auto& hit : found.drugs)
      out << " " << hit.drug << " (" << terminal_text(hit.term) << " x" << hit.count << ")";
    out << "\n";
  }
  out << "  no-rx:       " << (found.no_rx ? "YES" : "no") << "\n";
  print_list(out, "  no-rx text:  ", found.no_rx_phrases);
  print_list(out, "  signals:     ", found.signals);
  if (page.refresh) {
    out << "  refresh:     after " << page.refresh->delay_seconds << " s to "
        << (page.refresh->url.empty() ? "(same page)" : terminal_text(page.refresh->url)) << "\n";
  }
  for (const auto& hint : page.script_redirects) {
    out << "  script:      " << hint.pattern << " -> "
        << (hint.target.empty() ? "(computed)" : terminal_text(hint.target)) << "\n";
  }
  if (page.truncated) out << "  analysis:    TRUNCATED at its limits\n";
}

void print_registrar(std::ostream& out, const registrar_record& lookup) {
  out << "registrar of " << lookup.domain << " (RDAP): " << to_string(lookup.outcome);
  if (!lookup.error.empty()) out << ": " << lookup.error;
  out << "\n";
  if (!lookup.registrar.empty()) {
    out << "  registrar:   " << lookup.registrar;
    if (!lookup.registrar_iana_id.empty()) out << " (IANA ID " << lookup.registrar_iana_id << ")";
    out << "\n";
  }
  if (!lookup.abuse_email.empty()) out << "  abuse:       " << lookup.abuse_email << "\n";
  if (!lookup.abuse_phone.empty()) out << "  abuse phone: " << lookup.abuse_phone << "\n";
  if (!lookup.registered_at.empty()) out << "  registered:  " << lookup.registered_at << "\n";
  if (!lookup.expires_at.empty()) out << "  expires:     " << lookup.expires_at << "\n";
  if (!lookup.last_changed_at.empty()) out << "  changed:     " << lookup.last_changed_at << "\n";
  print_list(out, "  nameserver:  ", lookup.name_servers);
  print_list(out, "  status:      ", lookup.statuses);
  if (!lookup.server.empty()) out << "  asked:       " << lookup.server << "\n";
  out << "  at:          " << lookup.looked_up_at << "\n";
}

void print_fetch_report(std::ostream& out, std::string_view url, const std::vector<view>& views,
                        const site_comparison& verdict) {
  out << url << "\n";
  print_fetched_as(out, url, views);
  if (verdict.verdict) {
    out << "verdict: " << to_string(*verdict.verdict) << "\n";
    for (const auto& pair : verdict.comparisons) {
      out << "  " << pair.vantage << " vs " << pair.baseline << ": " << to_string(pair.verdict);
      // A comparison where a side failed has no score; its reason says why.
      if (pair.score) {
        char score[16];
        std::snprintf(score, sizeof score, "%.2f", *pair.score);
        out << " (score " << score << ")";
      }
      out << "\n";
      for (const auto& reason : pair.reasons) out << "    - " << reason << "\n";
    }
    print_side_by_side(out, views);
  }
  for (const auto& record : views) print_view(out, record);
}

}  // namespace geocrawl
