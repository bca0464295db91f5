#include "crawler/cli/export_command.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <variant>

#include "crawler/changes/site_host.hpp"
#include "crawler/cli/changes_table.hpp"
#include "crawler/cli/command_line_words.hpp"
#include "crawler/cli/csv_writer.hpp"
#include "crawler/cli/run_flag.hpp"
#include "crawler/cli/sites_table.hpp"
#include "crawler/cli/staged_file.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/verdict_words.hpp"
#include "crawler/store/export_reader.hpp"
#include "crawler/store/sqlite.hpp"

namespace geocrawl {

namespace {

enum class export_table { comparisons, views, sites, changes };

// The run asked for was pruned: exit 1, not a usage error, since the id was right once.
class run_unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A CSV column and the row field it shows. Text is neutralised against formulas by the
// csv_writer; numbers are ours and written as they are, an absent one as an empty cell;
// booleans are `true` or `false`.
template <class Row>
struct column {
  std::string_view name;
  std::variant<std::string Row::*, std::int64_t Row::*, std::optional<double> Row::*, bool Row::*>
      field;
};

constexpr column<comparison_row> comparison_columns[] = {
    {"run_id", &comparison_row::run_id},
    {"url", &comparison_row::url},
    {"vantage", &comparison_row::vantage},
    {"baseline", &comparison_row::baseline},
    {"verdict", &comparison_row::verdict},
    {"site_verdict", &comparison_row::site_verdict},
    {"score", &comparison_row::score},
    {"reasons", &comparison_row::reasons},
    {"status_baseline", &comparison_row::status_baseline},
    {"status_vantage", &comparison_row::status_vantage},
    {"final_url_baseline", &comparison_row::final_url_baseline},
    {"final_url_vantage", &comparison_row::final_url_vantage},
    {"title_baseline", &comparison_row::title_baseline},
    {"title_vantage", &comparison_row::title_vantage},
    {"drugs_baseline", &comparison_row::drugs_baseline},
    {"drugs_vantage", &comparison_row::drugs_vantage},
    {"no_rx_baseline", &comparison_row::no_rx_baseline},
    {"no_rx_vantage", &comparison_row::no_rx_vantage},
    {"exit_country_vantage", &comparison_row::exit_country_vantage},
    {"exit_check_age_s_vantage", &comparison_row::exit_check_age_s_vantage},
    {"exit_changed", &comparison_row::exit_changed},
    {"error_baseline", &comparison_row::error_baseline},
    {"error_vantage", &comparison_row::error_vantage},
    {"labels", &comparison_row::labels},
    {"fetched_at", &comparison_row::fetched_at},
};

constexpr column<view_row> view_columns[] = {
    {"run_id", &view_row::run_id},
    {"url", &view_row::url},
    {"site_verdict", &view_row::site_verdict},
    {"vantage", &view_row::vantage},
    {"proxy", &view_row::proxy},
    {"exit_ip", &view_row::exit_ip},
    {"exit_country", &view_row::exit_country},
    {"exit_checked_at", &view_row::exit_checked_at},
    {"exit_check_age_s", &view_row::exit_check_age_s},
    {"exit_changed", &view_row::exit_changed},
    {"requested_url", &view_row::requested_url},
    {"final_url", &view_row::final_url},
    {"status", &view_row::status},
    {"content_type", &view_row::content_type},
    {"bytes", &view_row::bytes},
    {"truncated", &view_row::truncated},
    {"truncated_reason", &view_row::truncated_reason},
    {"title", &view_row::title},
    {"lang", &view_row::lang},
    {"charset", &view_row::charset},
    {"drugs", &view_row::drugs},
    {"no_rx", &view_row::no_rx},
    {"redirects", &view_row::redirects},
    {"error_code", &view_row::error_code},
    {"error_message", &view_row::error_message},
    {"body_sha256", &view_row::body_sha256},
    {"total_ms", &view_row::total_ms},
    {"labels", &view_row::labels},
    {"fetched_at", &view_row::fetched_at},
    {"rendered", &view_row::rendered},
    {"rendered_final_url", &view_row::rendered_final_url},
    {"rendered_title", &view_row::rendered_title},
    {"rendered_drugs", &view_row::rendered_drugs},
    {"rendered_no_rx", &view_row::rendered_no_rx},
    {"rendered_requests", &view_row::rendered_requests},
    {"rendered_blocked", &view_row::rendered_blocked},
    {"rendered_error_code", &view_row::rendered_error_code},
};

export_table chosen_table(const std::string& what) {
  if (what == "comparisons") return export_table::comparisons;
  if (what == "views") return export_table::views;
  if (what == "sites") return export_table::sites;
  if (what == "changes") return export_table::changes;
  throw usage_error("--what " + what + ": not comparisons, views, sites or changes");
}

// The run `flag` asked for, or the newest crawl run (the newest run of any kind when there has
// been no crawl); nullopt when the database holds no run at all.
// A run pruned whole, or being pruned, is reported with its date and exit 1; one pruned with
// sites kept for their verdict is exported with what remains, and a note says so.
std::optional<std::int64_t> chosen_run(export_reader& reader, std::string_view flag,
                                       std::optional<std::int64_t> requested,
                                       const std::string& database, std::ostream& err) {
  if (!requested) return reader.latest_run();
  const auto lookup = reader.look_up(*requested);
  switch (lookup.presence) {
    case run_presence::present:
      break;
    case run_presence::partly_pruned:
      err << "geocrawl: " << describe_presence(*requested, lookup) << "\n";
      break;
    case run_presence::absent:
      throw usage_error(std::string(flag) + " " + std::to_string(*requested) + ": no such run in " +
                        database);
    case run_presence::being_pruned:
    case run_presence::pruned:
      throw run_unavailable(describe_presence(*requested, lookup));
  }
  return requested;
}

// A vantage the run never saw would select no row, which looks like a quiet night.
void check_vantages(export_reader& reader, std::int64_t run_id,
                    const std::vector<std::string>& wanted) {
  if (wanted.empty()) return;
  const auto valid = reader.vantages(run_id);
  for (const auto& name : wanted) {
    if (std::find(valid.begin(), valid.end(), name) == valid.end())
      throw unknown_name("--vantage", name, "vantage", "run " + std::to_string(run_id), valid);
  }
}

// The header row, then a row for each one `for_each_row` hands over.
template <class Row, class ForEachRow>
void write_table(csv_writer& csv, std::span<const column<Row>> columns, ForEachRow for_each_row) {
  for (const auto& column : columns) csv.text(column.name);
  csv.end_row();
  for_each_row([&](const Row& row) {
    for (const auto& column : columns) {
      std::visit(
          [&](auto field) {
            const auto& value = row.*field;
            using type = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<type, std::string>) {
              csv.text(value);
            } else if constexpr (std::is_same_v<type, bool>) {
              csv.boolean(value);
            } else {
              csv.number(value);
            }
          },
          column.field);
    }
    csv.end_row();
  });
}

void write_csv(export_reader& reader, export_table table, std::int64_t run_id,
               std::optional<std::int64_t> since, const export_command_options& options,
               std::ostream& stream) {
  csv_writer csv(stream, options.bom ? byte_order_mark::write : byte_order_mark::omit);
  const export_filter filter{.verdicts = options.verdicts, .vantages = options.vantages};
  switch (table) {
    case export_table::comparisons:
      write_table<comparison_row>(csv, comparison_columns, [&](const auto& on_row) {
        reader.comparisons(run_id, filter, on_row);
      });
      break;
    case export_table::views:
      write_table<view_row>(csv, view_columns,
                            [&](const auto& on_row) { reader.views(run_id, filter, on_row); });
      break;
    case export_table::sites:
      write_sites_table(csv, reader, run_id, filter);
      break;
    case export_table::changes:
      write_changes_table(csv, reader,
                          {.run_id = run_id, .since = since, .domain_of = registrar_domain});
      break;
  }
  csv.flush();
  if (!stream) throw std::system_error(EIO, std::generic_category(), "cannot write the CSV");
}

}  // namespace

int run_export_command(const export_command_options& options, std::ostream& out,
                       std::ostream& err) {
  const auto table = chosen_table(options.what);
  // A change is no verdict and may be of the whole site: a filter would silently drop rows.
  if (table == export_table::changes && !(options.verdicts.empty() && options.vantages.empty()))
    throw usage_error("--verdict and --vantage do not apply to --what changes");
  parse_verdict_words("--verdict", options.verdicts);
  const auto requested = run_flag_value("--run", options.run);
  if (options.since && table != export_table::changes)
    throw usage_error("--since applies to --what changes only");
  const auto requested_since =
      options.since ? run_flag_value("--since", *options.since) : std::nullopt;
  if (options.since && !requested_since)
    throw usage_error("--since latest: name the earlier run by its id");
  std::error_code ignored;
  if (!std::filesystem::exists(options.database, ignored)) {
    err << "geocrawl: --db " << options.database << ": no such file\n";
    return 1;
  }

  const std::string output = options.out ? "--out " + *options.out : "standard output";
  try {
    export_reader reader(options.database);
    const auto run_id = chosen_run(reader, "--run", requested, options.database, err);
    if (!run_id) {
      err << "geocrawl: --db " << options.database << ": no run to export\n";
      return 1;
    }
    check_vantages(reader, *run_id, options.vantages);
    const auto since = requested_since
                           ? chosen_run(reader, "--since", requested_since, options.database, err)
                           : std::nullopt;
    if (since == run_id)
      throw usage_error("--since " + *options.since + ": that is the run itself");
    if (options.out) {
      staged_file file(*options.out);
      write_csv(reader, table, *run_id, since, options, file.stream());
      file.commit();
    } else {
      write_csv(reader, table, *run_id, since, options, out);
    }
  } catch (const run_unavailable& error) {
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
    return 1;
  } catch (const sqlite_error& error) {
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
    return 1;
  } catch (const std::system_error& error) {
    err << "geocrawl: " << output << ": " << error.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace geocrawl
