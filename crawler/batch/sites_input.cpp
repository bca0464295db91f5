#include "crawler/batch/sites_input.hpp"

#include <algorithm>
#include <cstdint>
#include <ios>
#include <unordered_set>

#include <unicode/utf8.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "crawler/batch/site_url.hpp"
#include "parsers/ascii.hpp"

namespace geocrawl {

namespace {

using sites_result = std::optional<std::variant<site_entry, site_line_error>>;

constexpr std::size_t max_row_bytes = 64 * 1024;

bool is_valid_utf8(std::string_view text) {
  const auto size = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < size;) {
    UChar32 c;
    U8_NEXT(text.data(), i, size, c);
    if (c < 0) return false;
  }
  return true;
}

std::istream& readable(std::istream& in) {
  if (!in || in.rdbuf() == nullptr) throw sites_input_error("cannot be read");
  return in;
}

sites_result site_at(std::size_t line, std::string_view text, std::string labels_json) {
  auto url = parse_site_url(text);
  if (!url) return site_line_error{line, url.error()};
  return site_entry{line, std::move(url->url), std::move(url->fallback_url),
                    std::move(labels_json)};
}

}  // namespace

sites_format sites_format_for(std::string_view path) {
  constexpr std::string_view extension = ".csv";
  return path.size() >= extension.size() &&
                 equals_ignoring_ascii_case(path.substr(path.size() - extension.size()), extension)
             ? sites_format::csv
             : sites_format::text;
}

std::ifstream open_sites_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw sites_input_error("cannot open the file");
  return in;
}

void check_sites_file(const std::string& path) {
  auto in = open_sites_file(path);
  sites_reader reader(in, sites_format_for(path));
  // A bad first line is the reader's to report while loading, not a reason to refuse the file.
  [[maybe_unused]] const auto first = reader.next();
}

sites_reader::sites_reader(std::istream& in, sites_format format)
    : format_(format),
      input_(readable(in)),
      csv_(input_, csv_limits{max_line_bytes, max_row_bytes}) {}

sites_result sites_reader::next() {
  try {
    return format_ == sites_format::csv ? next_csv_row() : next_text_line();
  } catch (const std::ios_base::failure& failure) {
    throw sites_input_error("cannot be read: " + failure.code().message());
  }
}

sites_result sites_reader::next_text_line() {
  for (;;) {
    if (input_.peek() == input_cursor::end) return std::nullopt;
    const auto line = input_.line();
    // One byte more than the limit, for the CR of a CRLF; the rest of a longer line is
    // read and dropped.
    std::string text;
    bool too_long = false;
    for (int c = input_.get(); c != '\n' && c != input_cursor::end; c = input_.get()) {
      if (text.size() > max_line_bytes) {
        too_long = true;
      } else {
        text += static_cast<char>(c);
      }
    }
    if (text.ends_with('\r')) text.pop_back();
    if (too_long || text.size() > max_line_bytes) {
      return site_line_error{
          line, "the line is longer than " + std::to_string(max_line_bytes) + " bytes"};
    }
    const auto trimmed = trim_ascii_whitespace(text);
    if (trimmed.empty() || trimmed.starts_with('#')) continue;
    if (!is_valid_utf8(trimmed)) return site_line_error{line, "the line is not valid UTF-8"};
    return site_at(line, trimmed, {});
  }
}

void sites_reader::read_csv_header() {
  const auto header = csv_.next();
  if (!header)
    throw sites_input_error("the CSV file has no header row naming its columns, one of them 'url'");
  const auto where = " (line " + std::to_string(header->line) + ")";
  if (!header->problem.empty())
    throw sites_input_error("the header row" + where + " is malformed: " + header->problem);

  csv_columns columns{.count = header->fields.size()};
  std::optional<std::size_t> url;
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < header->fields.size(); ++i) {
    const auto& field = header->fields[i];
    if (!is_valid_utf8(field))
      throw sites_input_error("the header row" + where + " is not valid UTF-8");
    auto name = std::string(trim_ascii_whitespace(field));
    if (equals_ignoring_ascii_case(name, "url")) {
      if (url) throw sites_input_error("the header row" + where + " has two 'url' columns");
      url = i;
      name.clear();
    } else if (!name.empty() && !seen.insert(trim_ascii_whitespace(field)).second) {
      throw sites_input_error("the header row" + where + " names the column '" + name + "' twice");
    }
    columns.names.push_back(std::move(name));
  }
  if (!url) throw sites_input_error("the header row" + where + " has no 'url' column");
  columns.url = *url;
  columns_ = std::move(columns);
}

sites_result sites_reader::next_csv_row() {
  if (!columns_) read_csv_header();
  const auto& columns = *columns_;
  for (;;) {
    auto row = csv_.next();
    if (!row) return std::nullopt;
    const auto line = row->line;
    const auto span = row->last_line > line ? " (the row runs from line " + std::to_string(line) +
                                                  " to line " + std::to_string(row->last_line) + ")"
                                            : std::string();
    if (!row->problem.empty()) return site_line_error{line, row->problem + span};
    const auto& fields = row->fields;
    // Spreadsheets end their exports with rows of empty cells.
    if (std::all_of(fields.begin(), fields.end(),
                    [](const auto& field) { return trim_ascii_whitespace(field).empty(); })) {
      continue;
    }
    if (fields.size() != columns.count) {
      return site_line_error{line, "the row has " + std::to_string(fields.size()) +
                                       " fields, the header " + std::to_string(columns.count) +
                                       span};
    }
    if (!std::all_of(fields.begin(), fields.end(), is_valid_utf8)) {
      return site_line_error{line, "the row is not valid UTF-8" + span};
    }
    const auto url = trim_ascii_whitespace(fields[columns.url]);
    if (url.empty()) return site_line_error{line, "the url column is empty"};

    boost::json::object labels;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!columns.names[i].empty()) labels[columns.names[i]] = fields[i];
    }
    return site_at(line, url, labels.empty() ? std::string() : boost::json::serialize(labels));
  }
}

}  // namespace geocrawl
