#include "crawler/report/index_page.hpp"

#include <algorithm>

#include "crawler/report/html_escape.hpp"
#include "crawler/report/network_page.hpp"
#include "crawler/report/report_page.hpp"
#include "crawler/report/site_page.hpp"
#include "crawler/report/site_summary.hpp"

namespace geocrawl {

namespace {

constexpr std::size_t max_url_bytes = 300;

// The word a row's verdict is filtered by; a site seen from one vantage has none.
constexpr std::string_view no_verdict_word = "none";

// Reads the rows' data-verdict and data-countries, the cells' data-sort and the filters named
// in the URL's fragment; writes only hidden flags, select values and the order of rows, never
// markup, so no page content can become code.
constexpr std::string_view index_script = R"js(
(function () {
  var table = document.getElementById("sites");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var verdict = document.getElementById("verdict-filter");
  var country = document.getElementById("country-filter");
  document.getElementById("filters").hidden = false;
  function apply() {
    rows.forEach(function (row) {
      var countries = " " + row.getAttribute("data-countries") + " ";
      row.hidden = (verdict.value !== "" && row.getAttribute("data-verdict") !== verdict.value) ||
                   (country.value !== "" && countries.indexOf(" " + country.value + " ") < 0);
    });
  }
  verdict.addEventListener("change", apply);
  country.addEventListener("change", apply);
  // "index.html#verdict=cloaked&country=JP" opens filtered, so a filtered view can be shared.
  location.hash.slice(1).split("&").forEach(function (pair) {
    var parts = pair.split("=");
    var select = parts[0] === "verdict" ? verdict : parts[0] === "country" ? country : null;
    if (select !== null) select.value = decodeURIComponent(parts[1] || "");
  });
  apply();
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = heading.textContent;
    heading.textContent = "";
    heading.appendChild(button);
    var ascending = heading.getAttribute("data-numeric") === null;
    button.addEventListener("click", function () {
      var numeric = heading.getAttribute("data-numeric") !== null;
      function key(row) {
        var cell = row.cells[column];
        var value = cell.getAttribute("data-sort");
        return value === null ? cell.textContent : value;
      }
      rows.sort(function (a, b) {
        var order = numeric ? parseFloat(key(a)) - parseFloat(key(b))
                            : key(a).localeCompare(key(b));
        return ascending ? order : -order;
      });
      ascending = !ascending;
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
)js";

std::string option_html(std::string_view value, std::string_view label) {
  return "<option value=\"" + html_attribute(value) + "\">" + html_text(label) + "</option>";
}

// The filters start hidden: without the script they could do nothing.
std::string filters_html(const std::vector<index_row>& rows) {
  std::vector<std::string> countries;
  for (const auto& row : rows)
    countries.insert(countries.end(), row.countries.begin(), row.countries.end());
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()), countries.end());

  std::string html =
      "<p id=\"filters\" hidden>Verdict <select id=\"verdict-filter\">" + option_html("", "any");
  for (auto verdict : {cloaking_verdict::cloaked, cloaking_verdict::inconclusive,
                       cloaking_verdict::consistent, cloaking_verdict::unreachable}) {
    html += option_html(to_string(verdict), to_string(verdict));
  }
  html += option_html(no_verdict_word, "none (one vantage)");
  html += "</select> Country seen <select id=\"country-filter\">" + option_html("", "any");
  for (const auto& country : countries) html += option_html(country, country);
  return html + "</select></p>\n";
}

std::string row_html(const index_row& row) {
  std::string countries = joined(row.countries, "");
  std::string spaced_countries;
  for (const auto& country : row.countries) {
    spaced_countries += (spaced_countries.empty() ? "" : " ") + country;
  }
  auto verdict = row.verdict ? to_string(*row.verdict) : no_verdict_word;
  // A site without a score sorts below every scored one.
  auto score = row.score ? score_digits(*row.score) : "-1";
  auto score_shown = row.score ? score : "—";
  std::string href = std::string(site_pages_folder) + "/" + row.page;
  return "<tr data-verdict=\"" + html_attribute(verdict) + "\" data-countries=\"" +
         html_attribute(spaced_countries) + "\"><td><a href=\"" + html_attribute(href) + "\">" +
         html_text_bounded(row.url, max_url_bytes) + "</a></td><td>" + html_text(verdict) +
         "</td><td data-sort=\"" + score + "\">" + score_shown + "</td><td>" +
         html_text(countries) + "</td><td>" + html_text(joined(row.drugs, "")) + "</td><td>" +
         (row.registrar.empty() ? std::string("registrar unknown") : html_text(row.registrar)) +
         "</td></tr>\n";
}

}  // namespace

index_row make_index_row(const report_site& site, std::string page) {
  return {std::move(page),
          site.url,
          site.comparison.verdict,
          site.score,
          countries_seen(site.views),
          drugs_found(site.views),
          site.registrar ? site.registrar->name : std::string()};
}

std::string index_page_html(const report_run& run, const std::vector<index_row>& rows,
                            const std::vector<report_network>& networks) {
  auto html = page_start("geocrawl report, run " + run.id, index_script);
  html += "<h1>geocrawl report, run " + html_text(run.id) + "</h1>\n<p>Started " +
          html_text(run.started_at);
  if (!run.finished_at.empty()) html += ", finished " + html_text(run.finished_at);
  html += ". " + std::to_string(rows.size()) + " sites.</p>\n";
  html += filters_html(rows);
  html +=
      "<table id=\"sites\">\n<thead><tr><th>site</th><th>verdict</th><th data-numeric>score"
      "</th><th>countries seen</th><th>drugs</th><th>registrar</th></tr></thead>\n<tbody>\n";
  for (const auto& row : rows) html += row_html(row);
  html += "</tbody>\n</table>\n";
  html += networks_index_html(networks);
  html += page_end(index_script);
  return html;
}

}  // namespace geocrawl
