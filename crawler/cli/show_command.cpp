#include "crawler/cli/show_command.hpp"

#include <system_error>

#include "crawler/cli/command_line_words.hpp"
#include "crawler/cli/json_output.hpp"
#include "crawler/cli/run_flag.hpp"
#include "crawler/cli/stored_site.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/view_json.hpp"
#include "crawler/cli/view_report.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/warc/view_record_reader.hpp"

namespace geocrawl {

namespace {

std::string_view flag_of(show_output output) {
  switch (output) {
    case show_output::headers:
      return "--headers";
    case show_output::body:
      return "--body";
    case show_output::warc:
      return "--warc";
    case show_output::rendered:
      return "--rendered";
    case show_output::screenshot:
      return "--screenshot";
    case show_output::report:
    case show_output::json:
      break;
  }
  return "";
}

std::vector<std::string> vantages_of(const std::vector<view>& views) {
  std::vector<std::string> names;
  for (const auto& record : views) names.push_back(record.vantage);
  return names;
}

// The views --vantage selects, and for --headers and --body the one view they need.
std::vector<view> selected_views(std::vector<view> views, const show_command_options& options,
                                 const site_summary& site) {
  const auto names = vantages_of(views);
  if (options.vantage) {
    std::erase_if(views, [&](const view& v) { return v.vantage != *options.vantage; });
    if (views.empty()) {
      throw not_found_error(unknown_name("--vantage", *options.vantage, "vantage",
                                         site.url + " in run " + std::to_string(site.run_id), names)
                                .what());
    }
  }
  const auto flag = flag_of(options.output);
  if (!flag.empty() && views.size() != 1) {
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    throw usage_error(std::string(flag) + " shows one view, and " + site.url + " has " +
                      std::to_string(views.size()) + " in run " + std::to_string(site.run_id) +
                      ": choose one with --vantage (" + list + ")");
  }
  return views;
}

void print_headers(std::ostream& out, const view& record) {
  if (record.status == 0) {
    throw not_found_error("the " + record.vantage + " view got no response" +
                          (record.error ? ": " + record.error->message : std::string()));
  }
  out << "HTTP " << record.status << "\n";
  // The header bytes as received are the site's; a control character in them would drive the
  // terminal, so each is shown as an escape.
  const auto printable = [](const std::string& text) {
    std::string shown;
    for (const unsigned char c : text) {
      if (c < 0x20 || c == 0x7f) {
        constexpr std::string_view hex = "0123456789abcdef";
        shown += "\\x";
        shown += hex[c >> 4];
        shown += hex[c & 0xf];
      } else {
        shown += static_cast<char>(c);
      }
    }
    return shown;
  };
  for (const auto& [name, value] : record.response_headers)
    out << printable(name) << ": " << printable(value) << "\n";
}

void write_body(std::ostream& out, evidence_reader& reader, const view& record) {
  if (record.sha256.empty()) {
    throw not_found_error("the " + record.vantage + " view has no body: it got no response" +
                          (record.error ? " (" + record.error->message + ")" : std::string()));
  }
  const auto bytes = reader.body(record.sha256);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// What the vantage's browser made of the page; a not_found_error saying why when there is
// none.
const rendered_page& rendered_of(const view& record) {
  if (!record.rendered) {
    throw not_found_error("the " + record.vantage +
                          " view was not rendered: its vantage has no render = true");
  }
  return *record.rendered;
}

// The rendered DOM or the screenshot, as load_site read and checked them. Page bytes are
// written as they came, as --body writes the body.
void write_rendered(std::ostream& out, const view& record, show_output output) {
  const auto& page = rendered_of(record);
  const auto why = page.error ? " (" + page.error->message + ")" : std::string();
  if (output == show_output::rendered) {
    if (page.dom_sha256.empty())
      throw not_found_error("the " + record.vantage + " view's render read no DOM" + why);
    out.write(page.dom.data(), static_cast<std::streamsize>(page.dom.size()));
    return;
  }
  if (page.screenshot_png.empty())
    throw not_found_error("the " + record.vantage + " view's render drew no screenshot" + why);
  out.write(page.screenshot_png.data(), static_cast<std::streamsize>(page.screenshot_png.size()));
}

// The records as WARC/1.1 text, uncompressed; page bytes in them are written as they came, as
// --body writes the body.
void write_warc(std::ostream& out, const view& record) {
  if (record.warc_file.empty()) {
    throw not_found_error("the " + record.vantage +
                          " view has no WARC records: its run was not written with --warc");
  }
  // The header cap plus a body of the largest max_body_bytes, for every hop of a chain.
  constexpr std::uint64_t max_bytes = std::uint64_t{1} << 33;
  try {
    const auto records = read_view_records(record.warc_file, record.warc_offset, max_bytes);
    out.write(records.data(), static_cast<std::streamsize>(records.size()));
  } catch (const warc_read_error& error) {
    throw not_found_error(error.what());
  }
}

void show(evidence_reader& reader, const show_command_options& options, std::ostream& out) {
  const auto run_id = stored_run(reader, run_flag_value("--run", options.run), options.database);
  const auto site = find_stored_site(reader, run_id, options.url);
  // --headers and --body read no body of another view; --body reads its own, checked, below.
  // --rendered and --screenshot read them all, checked, as the report does.
  const bool whole = options.output == show_output::report || options.output == show_output::json ||
                     options.output == show_output::rendered ||
                     options.output == show_output::screenshot;
  auto evidence = reader.load_site(site.id, whole ? body_loading::load : body_loading::leave_out);
  const auto views = selected_views(std::move(evidence.views), options, site);
  switch (options.output) {
    case show_output::report:
      print_fetch_report(out, site.url, views, evidence.verdict);
      break;
    case show_output::json: {
      auto report = fetch_report_json(site.url, views, evidence.verdict);
      report["run"] = run_id;
      out << json_output(std::move(report)) << "\n";
      break;
    }
    case show_output::headers:
      print_headers(out, views.front());
      break;
    case show_output::body:
      write_body(out, reader, views.front());
      break;
    case show_output::warc:
      write_warc(out, views.front());
      break;
    case show_output::rendered:
    case show_output::screenshot:
      write_rendered(out, views.front(), options.output);
      break;
  }
  out.flush();
  if (!out) throw std::system_error(EIO, std::generic_category(), "standard output");
}

}  // namespace

int run_show_command(const show_command_options& options, std::ostream& out, std::ostream& err) {
  // Checked before the database is opened: a wrong flag is a usage error wherever it is.
  run_flag_value("--run", options.run);
  return read_stored_evidence(options.database, err,
                              [&](evidence_reader& reader) { show(reader, options, out); });
}

}  // namespace geocrawl
