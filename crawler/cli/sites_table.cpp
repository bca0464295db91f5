#include "crawler/cli/sites_table.hpp"

#include <string>
#include <string_view>

#include "crawler/changes/site_host.hpp"
#include "crawler/domain/registrable_domain.hpp"

namespace geocrawl {

namespace {

// A column per vantage for each of these, grouped by kind so that a spreadsheet shows what
// each vantage saw of one thing side by side.
struct vantage_column {
  std::string_view prefix;
  void (*write)(csv_writer& csv, const site_vantage_cells& cells);
};

constexpr vantage_column vantage_columns[] = {
    {"no_rx_", [](csv_writer& csv, const site_vantage_cells& cells) { csv.boolean(cells.no_rx); }},
    {"no_rx_phrases_",
     [](csv_writer& csv, const site_vantage_cells& cells) { csv.text(cells.no_rx_phrases); }},
    {"title_", [](csv_writer& csv, const site_vantage_cells& cells) { csv.text(cells.title); }},
    {"final_host_",
     [](csv_writer& csv, const site_vantage_cells& cells) { csv.text(host_of(cells.final_url)); }},
    {"error_",
     [](csv_writer& csv, const site_vantage_cells& cells) { csv.text(cells.error_code); }},
};

void write_header(csv_writer& csv, const site_columns& columns) {
  for (const auto name :
       {"run_id", "url", "host", "registrable_domain", "registrar", "registrar_iana_id",
        "abuse_email", "verdict", "score", "drug_countries", "drugs"}) {
    csv.text(name);
  }
  for (const auto& column : vantage_columns) {
    for (const auto& vantage : columns.vantages) csv.text(std::string(column.prefix) + vantage);
  }
  // Label names come from the analyst's sites file: text like any other, neutralised.
  for (const auto& label : columns.labels) csv.text("label_" + label);
  // Last, after the labels, so the columns existing consumers read keep their places.
  csv.text("network_id");
  csv.end_row();
}

void write_row(csv_writer& csv, export_reader& reader, const site_row& row) {
  const auto host = host_of(row.url);
  const auto domain = site_identity(host);
  const auto registrar = reader.registrar_of(domain);
  csv.number(row.run_id);
  csv.text(row.url);
  csv.text(host);
  csv.text(domain);
  csv.text(registrar.registrar);
  csv.text(registrar.registrar_iana_id);
  csv.text(registrar.abuse_email);
  csv.text(row.verdict);
  csv.number(row.score);
  csv.text(row.drug_countries);
  csv.text(row.drugs);
  for (const auto& column : vantage_columns) {
    for (const auto& cells : row.vantages) column.write(csv, cells);
  }
  for (const auto& label : row.labels) csv.text(label);
  if (row.network_id) {
    csv.number(*row.network_id);
  } else {
    csv.text("");
  }
  csv.end_row();
}

}  // namespace

void write_sites_table(csv_writer& csv, export_reader& reader, std::int64_t run_id,
                       const export_filter& filter) {
  const auto columns = reader.sites_columns(run_id, filter);
  write_header(csv, columns);
  reader.sites(run_id, filter, columns, [&](const site_row& row) { write_row(csv, reader, row); });
}

}  // namespace geocrawl
