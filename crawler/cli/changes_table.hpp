#pragma once
// `geocrawl export --what changes`: a row per change of a run's sites against their earlier
// runs (crawler/changes/site_changes.hpp), streamed site by site. Columns: run_id,
// previous_run_id (empty for a new site), url, change (change_kind's word), vantage (empty for
// the whole site), before, after, network_id (empty); then a row per network change
// (network_changes.hpp): url and vantage empty, the network_change_kind's word, the sites'
// registrable domains ("; ") in before (lost, dissolved) or after (formed, gained), the
// network's number in network_id, and previous_run_id the run the networks were compared with.
#include "crawler/cli/csv_writer.hpp"
#include "crawler/store/export_reader.hpp"

namespace geocrawl {

void write_changes_table(csv_writer& csv, export_reader& reader, const history_request& request);

}  // namespace geocrawl
