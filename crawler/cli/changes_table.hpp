#pragma once
// `geocrawl export --what changes`: a row per change of a run's sites against their earlier
// runs (crawler/changes/site_changes.hpp), streamed site by site. Columns: run_id,
// previous_run_id (empty for a new site), url, change (change_kind's word), vantage (empty for
// the whole site), before, after.
#include "crawler/cli/csv_writer.hpp"
#include "crawler/store/export_reader.hpp"

namespace geocrawl {

void write_changes_table(csv_writer& csv, export_reader& reader, const history_request& request);

}  // namespace geocrawl
