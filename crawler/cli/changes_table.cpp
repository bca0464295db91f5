#include "crawler/cli/changes_table.hpp"

#include "crawler/changes/network_changes.hpp"
#include "crawler/changes/site_changes.hpp"

namespace geocrawl {

namespace {

void previous_run_cell(csv_writer& csv, const std::optional<std::int64_t>& run_id) {
  if (run_id) {
    csv.number(*run_id);
  } else {
    csv.text("");
  }
}

// A row per network change, its sites' domains in `after` (formed, gained) or `before` (lost,
// dissolved), and its number in network_id.
void write_network_rows(csv_writer& csv, export_reader& reader, const history_request& request) {
  const auto history = reader.networks_since(request.run_id, request.since);
  if (history.unnumbered_run) return;
  for (const auto& change : network_changes(history.before, history.now)) {
    std::string domains;
    for (const auto& domain : change.domains) domains += (domains.empty() ? "" : "; ") + domain;
    const bool grew = change.kind == network_change_kind::network_formed ||
                      change.kind == network_change_kind::network_gained;
    csv.number(request.run_id);
    previous_run_cell(csv, history.previous_run_id);
    csv.text("");
    csv.text(to_string(change.kind));
    csv.text("");
    csv.text(grew ? "" : domains);
    csv.text(grew ? domains : "");
    csv.number(change.network_id);
    csv.end_row();
  }
}

}  // namespace

void write_changes_table(csv_writer& csv, export_reader& reader, const history_request& request) {
  for (const auto* name :
       {"run_id", "previous_run_id", "url", "change", "vantage", "before", "after", "network_id"})
    csv.text(name);
  csv.end_row();
  reader.site_histories(request, [&](const site_history& history) {
    const auto& url = history.now ? history.now->url : history.before->url;
    for (const auto& change : site_changes(history)) {
      csv.number(request.run_id);
      previous_run_cell(csv, history.before ? std::optional(history.before->run_id) : std::nullopt);
      csv.text(url);
      csv.text(to_string(change.kind));
      csv.text(change.vantage);
      csv.text(change.before);
      csv.text(change.after);
      csv.text("");
      csv.end_row();
    }
  });
  write_network_rows(csv, reader, request);
}

}  // namespace geocrawl
