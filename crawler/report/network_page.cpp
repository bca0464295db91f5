#include "crawler/report/network_page.hpp"

#include <map>
#include <unordered_map>

#include "crawler/report/complaint_text.hpp"
#include "crawler/report/html_escape.hpp"
#include "crawler/report/report_page.hpp"
#include "crawler/report/site_page.hpp"
#include "crawler/report/site_summary.hpp"

namespace geocrawl {

namespace {

// URLs and identifier values are shown up to this many bytes each; the index names this many
// of a network's identifiers.
constexpr std::size_t max_shown_bytes = 2000;
constexpr std::size_t identifiers_in_index = 5;

using entries_by_url = std::unordered_map<std::string_view, const network_site_entry*>;

// A member as a link to its page, or as text when the report has no page for it.
std::string site_html(std::string_view url, const entries_by_url& entries) {
  const auto found = entries.find(url);
  if (found == entries.end()) {
    return "<code>" + html_text_bounded(url, max_shown_bytes) +
           "</code> <span class=\"note\">not in this report</span>";
  }
  return "<a href=\"../" + std::string(site_pages_folder) + "/" +
         html_attribute(found->second->page) + "\">" + html_text_bounded(url, max_shown_bytes) +
         "</a>";
}

std::string identifier_html(std::string_view kind, std::string_view value) {
  return html_text(kind) + " <code>" + html_text_bounded(value, max_shown_bytes) + "</code>";
}

std::string vantages_html(const std::vector<std::string>& vantages) {
  return vantages.empty() ? std::string("<span class=\"note\">no view recorded</span>")
                          : html_text(joined(vantages, ""));
}

std::string sites_section(const report_network& network, const entries_by_url& entries) {
  std::string html =
      "<h2>Sites</h2>\n<table>\n<thead><tr><th>site</th><th>verdict</th><th>registrar</th>"
      "</tr></thead>\n<tbody>\n";
  for (const auto& url : network.members) {
    const auto found = entries.find(url);
    const auto* entry = found == entries.end() ? nullptr : found->second;
    std::string verdict = "<span class=\"note\">—</span>";
    std::string registrar = verdict;
    if (entry != nullptr) {
      verdict = entry->verdict ? html_text(to_string(*entry->verdict))
                               : std::string("<span class=\"note\">none (one vantage)</span>");
      registrar = entry->registrar ? html_text(entry->registrar->name)
                                   : std::string("<span class=\"note\">registrar unknown</span>");
    }
    html += "<tr><td>" + site_html(url, entries) + "</td><td>" + verdict + "</td><td>" + registrar +
            "</td></tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

// One block per registrar (by name and IANA ID), with its abuse contact and its domains.
std::string registrars_section(const std::vector<network_site_entry>& in_report) {
  std::map<std::pair<std::string, std::string>, std::vector<const network_site_entry*>> groups;
  std::vector<const network_site_entry*> unknown;
  for (const auto& entry : in_report) {
    if (entry.registrar) {
      groups[{entry.registrar->name, entry.registrar->iana_id}].push_back(&entry);
    } else {
      unknown.push_back(&entry);
    }
  }
  std::string html =
      "<h2>Registrars</h2>\n<p class=\"note\">One complaint per registrar names all its "
      "domains of this network.</p>\n";
  const auto group_html = [&](const std::optional<registrar_info>& registrar,
                              const std::vector<const network_site_entry*>& members) {
    std::string block =
        "<pre class=\"complaint\">" + html_text(registrar_text(registrar)) + "</pre>\n<ul>";
    for (const auto* member : members) {
      block += "<li>" + html_text_bounded(site_domain(member->url), max_shown_bytes) + " (" +
               html_text_bounded(member->url, max_shown_bytes) + ")</li>";
    }
    return block + "</ul>\n";
  };
  for (const auto& [key, members] : groups) html += group_html(members.front()->registrar, members);
  if (!unknown.empty()) html += group_html(std::nullopt, unknown);
  return html;
}

std::string identifiers_section(const report_network& network) {
  std::string html = "<h2>What holds it together</h2>\n<ul>";
  for (const auto& id : network.identifiers)
    html += "<li>" + identifier_html(id.kind, id.value) + "</li>";
  return html + "</ul>\n";
}

std::string links_section(const report_network& network, const entries_by_url& entries) {
  std::string html =
      "<h2>Links: the evidence</h2>\n<table>\n<thead><tr><th>identifier</th><th>site</th>"
      "<th>its views</th><th>site</th><th>its views</th></tr></thead>\n<tbody>\n";
  for (const auto& link : network.links) {
    html += "<tr><td>" + identifier_html(link.kind, link.value) + "</td><td>" +
            site_html(link.a.url, entries) + "</td><td>" + vantages_html(link.a.vantages) +
            "</td><td>" + site_html(link.b.url, entries) + "</td><td>" +
            vantages_html(link.b.vantages) + "</td></tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

}  // namespace

std::string network_page_name(std::int64_t id) { return "network-" + std::to_string(id) + ".html"; }

std::string network_page_html(const report_network& network,
                              const std::vector<network_site_entry>& in_report,
                              const report_run& run) {
  entries_by_url entries;
  for (const auto& entry : in_report) entries.emplace(entry.url, &entry);
  const auto title = "network " + std::to_string(network.id);
  auto html = page_start(title, {});
  html += "<p><a href=\"../index.html\">All sites</a></p>\n";
  html += "<h1>Network " + std::to_string(network.id) + "</h1>\n";
  html += "<p>" + std::to_string(network.members.size()) + " sites in run " + html_text(run.id) +
          ", " + std::to_string(in_report.size()) +
          " of them in this report. Links to the sites are shown as text, never as links.</p>\n";
  html += sites_section(network, entries);
  html += registrars_section(in_report);
  html += identifiers_section(network);
  html += links_section(network, entries);
  html += page_end({});
  return html;
}

std::string networks_index_html(const std::vector<report_network>& networks) {
  if (networks.empty()) return {};
  std::string html =
      "<h2>Networks</h2>\n<table>\n<thead><tr><th>network</th><th>sites</th><th>held by</th>"
      "</tr></thead>\n<tbody>\n";
  for (const auto& network : networks) {
    std::string held;
    for (std::size_t i = 0; i < network.identifiers.size() && i < identifiers_in_index; ++i)
      held += (held.empty() ? "" : "; ") +
              identifier_html(network.identifiers[i].kind, network.identifiers[i].value);
    if (network.identifiers.size() > identifiers_in_index)
      held += "; <span class=\"note\">" +
              std::to_string(network.identifiers.size() - identifiers_in_index) + " more</span>";
    html += "<tr><td><a href=\"" + std::string(network_pages_folder) + "/" +
            network_page_name(network.id) + "\">network " + std::to_string(network.id) +
            "</a></td><td>" + std::to_string(network.members.size()) + "</td><td>" + held +
            "</td></tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

}  // namespace geocrawl
