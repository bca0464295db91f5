#pragma once
// The list of sites a crawl fetches, read one entry at a time: lists run to a million
// lines and are never held in memory. A text file has one URL or bare domain a line;
// blank lines and lines starting with '#' are skipped. Only whole-line comments: a URL
// may contain '#', so "example.com # note" is an error rather than a guess. A CSV file
// (RFC 4180) has a header row with a `url` column; its other named columns become the
// site's labels. CSV has no comments; rows of empty cells are skipped. A bad line is an
// error value for that line and reading goes on; only a problem with the whole file
// throws. De-duplication is the store's (UNIQUE url): entries come out canonical (see
// parse_site_url) so that duplicates compare equal.
#include <cstddef>
#include <fstream>
#include <istream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "crawler/batch/csv_reader.hpp"
#include "crawler/batch/input_cursor.hpp"
#include "crawler/store/site_entry.hpp"

namespace geocrawl {

enum class sites_format { text, csv };

// csv when the file name ends with ".csv" in any case, else text.
sites_format sites_format_for(std::string_view path);

// The whole file is unusable (unreadable, a CSV header without a url column). The message
// names the problem; the caller adds the file name.
class sites_input_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The sites file opened for a sites_reader. Throws sites_input_error when it cannot be opened.
std::ifstream open_sites_file(const std::string& path);

// Reads the start of the sites file — its first line, or a CSV's header and first row — so
// that a file no crawl could read (missing, unreadable, a directory, a CSV header without a
// url column) is refused before proxies are checked and a run is created. Throws
// sites_input_error.
void check_sites_file(const std::string& path);

class sites_reader {
 public:
  // Lines longer than this, and CSV fields, are errors; a CSV row may be 64 KB.
  static constexpr std::size_t max_line_bytes = 8 * 1024;

  // `in` must outlive the reader.
  sites_reader(std::istream& in, sites_format format);
  // The CSV reader refers to this reader's own input.
  sites_reader(const sites_reader&) = delete;
  sites_reader& operator=(const sites_reader&) = delete;

  // The next entry, a line error, or std::nullopt at the end of the input.
  // Throws sites_input_error.
  std::optional<std::variant<site_entry, site_line_error>> next();

 private:
  struct csv_columns {
    std::size_t count = 0;
    std::size_t url = 0;
    std::vector<std::string> names;  // trimmed; empty for a column that is no label
  };

  std::optional<std::variant<site_entry, site_line_error>> next_text_line();
  std::optional<std::variant<site_entry, site_line_error>> next_csv_row();
  void read_csv_header();

  sites_format format_;
  input_cursor input_;
  csv_reader csv_;
  std::optional<csv_columns> columns_;
};

}  // namespace geocrawl
