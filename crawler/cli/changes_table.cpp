#include "crawler/cli/changes_table.hpp"

#include "crawler/changes/site_changes.hpp"

namespace geocrawl {

void write_changes_table(csv_writer& csv, export_reader& reader, const history_request& request) {
  for (const auto* name :
       {"run_id", "previous_run_id", "url", "change", "vantage", "before", "after"})
    csv.text(name);
  csv.end_row();
  reader.site_histories(request, [&](const site_history& history) {
    const auto& url = history.now ? history.now->url : history.before->url;
    for (const auto& change : site_changes(history)) {
      csv.number(request.run_id);
      if (history.before) {
        csv.number(history.before->run_id);
      } else {
        csv.text("");
      }
      csv.text(url);
      csv.text(to_string(change.kind));
      csv.text(change.vantage);
      csv.text(change.before);
      csv.text(change.after);
      csv.end_row();
    }
  });
}

}  // namespace geocrawl
