#pragma once
// `geocrawl export --what sites`: one row per site with its views side by side, the sheet an
// analyst opens first. The columns that depend on the run (a group per vantage, one per label
// of the sites file) come from a first query; the rows then stream.
#include <cstdint>

#include "crawler/cli/csv_writer.hpp"
#include "crawler/store/export_reader.hpp"

namespace geocrawl {

void write_sites_table(csv_writer& csv, export_reader& reader, std::int64_t run_id,
                       const export_filter& filter);

}  // namespace geocrawl
