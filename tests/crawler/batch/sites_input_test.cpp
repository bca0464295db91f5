#include "crawler/batch/sites_input.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

// Each result as one line of text, so a test compares whole tables: "3 url fallback labels"
// for an entry, "3! message" for a line error.
std::vector<std::string> read_all(std::istream& in, sites_format format) {
  sites_reader reader(in, format);
  std::vector<std::string> results;
  // Bounded: a million results is far more than any input here.
  for (int i = 0; i < 1'000'000; ++i) {
    auto result = reader.next();
    if (!result) return results;
    if (const auto* entry = std::get_if<site_entry>(&*result)) {
      auto text = std::to_string(entry->line) + " " + entry->url;
      if (!entry->fallback_url.empty()) text += " " + entry->fallback_url;
      if (!entry->labels_json.empty()) text += " " + entry->labels_json;
      results.push_back(std::move(text));
    } else {
      const auto& error = std::get<site_line_error>(*result);
      results.push_back(std::to_string(error.line) + "! " + error.message);
    }
  }
  FAIL("the reader did not reach the end of the input");
  return results;
}

std::vector<std::string> read_all(std::string_view text, sites_format format) {
  std::istringstream in{std::string(text)};
  return read_all(in, format);
}

using results = std::vector<std::string>;

// Produces `count` generated lines on demand, so the input of the large test is never in
// memory, and tells how far the reader has read.
class generated_lines : public std::streambuf {
 public:
  generated_lines(std::size_t count, std::string (*line)(std::size_t index))
      : count_(count), line_(line) {}

  std::size_t produced() const { return next_; }

 protected:
  int_type underflow() override {
    if (next_ == count_) return traits_type::eof();
    current_ = line_(next_++);
    setg(current_.data(), current_.data(), current_.data() + current_.size());
    return traits_type::to_int_type(current_.front());
  }

 private:
  std::size_t count_;
  std::string (*line_)(std::size_t index);
  std::size_t next_ = 0;
  std::string current_;
};

}  // namespace

TEST_CASE("the format follows the file name's extension") {
  struct example {
    std::string_view path;
    sites_format format;
  };
  const example examples[] = {
      {"sites.csv", sites_format::csv},  {"/data/SITES.CSV", sites_format::csv},
      {"sites.Csv", sites_format::csv},  {".csv", sites_format::csv},
      {"sites.txt", sites_format::text}, {"sites", sites_format::text},
      {"csv", sites_format::text},       {"sites.csv.txt", sites_format::text},
      {"sites.tsv", sites_format::text}, {"", sites_format::text},
  };
  for (const auto& [path, format] : examples) {
    CAPTURE_BINDING(path);
    CHECK(sites_format_for(path) == format);
  }
}

TEST_CASE(
    "a text file has one site a line with comments and blank lines skipped and BOM and CRLF "
    "accepted") {
  struct example {
    std::string_view name;
    std::string_view text;
    results expected;
  };
  const example examples[] = {
      {"empty", "", {}},
      {"only comments", "# sites\n\n   \n\t# more\n", {}},
      {"BOM and CRLF",
       "\xEF\xBB\xBF# sites\r\n\r\nexample.com\r\n   # indented comment\r\n  https://b.example/x  "
       "\r\n",
       {"3 https://example.com/ http://example.com/", "5 https://b.example/x"}},
      {"no newline at the end",
       "a.example\nhttps://b.example",
       {"1 https://a.example/ http://a.example/", "2 https://b.example/"}},
      {"fragments dropped",
       "https://a.example/p#x\nhttps://a.example/p#y\n",
       {"1 https://a.example/p", "2 https://a.example/p"}},
      {"spellings of one site compare equal",
       "HTTP://Example.com:80/\nhttp://example.com\nhttp://EXAMPLE.COM./\n",
       {"1 http://example.com/", "2 http://example.com/", "3 http://example.com/"}},
      {"bare domains",
       "Example.COM.\nbücher.example\nexample.com/path?q=1\nexample.com:8443\n127.0.0.1:8080\n",
       {"1 https://example.com/ http://example.com/",
        "2 https://xn--bcher-kva.example/ http://xn--bcher-kva.example/",
        "3 https://example.com/path?q=1 http://example.com/path?q=1",
        "4 https://example.com:8443/ http://example.com:8443/",
        "5 https://127.0.0.1:8080/ http://127.0.0.1:8080/"}},
      {"a comment is a whole line only",
       "example.com # the shop\n#example.com\n",
       {"1! 'example.com # the shop' contains a space (a URL writes it as %20)"}},
      {"bad lines are reported with their line numbers and skipped",
       "url\nftp://a.example/\n\nok.example\nexa\x01mple.com\nhttps://a.example/\xff\n# caf\xe9 is "
       "skipped\nlast.example\n",
       {"1! 'url' is neither a URL nor a domain name (a domain has a dot, like example.com)",
        "2! 'ftp:' URLs are not crawled, only http and https",
        "4 https://ok.example/ http://ok.example/",
        "5! 'exa\\x01mple.com' contains a control character", "6! the line is not valid UTF-8",
        "8 https://last.example/ http://last.example/"}},
  };
  for (const auto& [name, text, expected] : examples) {
    CAPTURE_BINDING(name);
    CHECK(read_all(text, sites_format::text) == expected);
  }
}

TEST_CASE("a line with user info is refused without repeating the password") {
  const auto found =
      read_all("ok.example\nhttps://alice:hunter2@shop.example/\n", sites_format::text);
  REQUIRE(found.size() == 2);
  CHECK(found[1].starts_with("2! 'https://***@shop.example/' has a user name or password"));
  CHECK(found[1].find("hunter2") == std::string::npos);
}

TEST_CASE("a line over 8 KB is an error and the next line is read") {
  const auto prefix = std::string("https://example.com/");
  const auto longest = prefix + std::string(sites_reader::max_line_bytes - prefix.size(), 'a');
  const auto text =
      longest + "\r\n" + longest + "a\n" + std::string(100'000, 'b') + "\nnext.example\n";
  CHECK(read_all(text, sites_format::text) ==
        results{"1 " + longest, "2! the line is longer than 8192 bytes",
                "3! the line is longer than 8192 bytes",
                "4 https://next.example/ http://next.example/"});
}

TEST_CASE("a CSV file has a url column and its other columns become labels") {
  struct example {
    std::string_view name;
    std::string_view text;
    results expected;
  };
  const example examples[] = {
      {"header found case-insensitively after trimming, labels in header order",
       "network, URL ,country\nalpha,example.com,JP\n",
       {"2 https://example.com/ http://example.com/ {\"network\":\"alpha\",\"country\":\"JP\"}"}},
      {"only a url column: no labels",
       "url\nhttps://a.example/\n\nb.example\n",
       {"2 https://a.example/", "4 https://b.example/ http://b.example/"}},
      {"BOM, CRLF and quoting: commas, quotes, line breaks, Japanese",
       "\xEF\xBB\xBFurl,note,ネットワーク\r\n"
       "\"https://a.example/?q=1,2\",\"a \"\"quoted\"\" note\",東京\r\n"
       "b.example,\"two\r\nlines\",\"大阪, 日本\"\r\n"
       "c.example,,\r\n",
       {"2 https://a.example/?q=1,2 {\"note\":\"a \\\"quoted\\\" note\",\"ネットワーク\":\"東京\"}",
        "3 https://b.example/ http://b.example/ {\"note\":\"two\\nlines\",\"ネットワーク\":\"大阪, "
        "日本\"}",
        "5 https://c.example/ http://c.example/ {\"note\":\"\",\"ネットワーク\":\"\"}"}},
      {"a column without a name is no label",
       "url,,tag\na.example,x,y\n",
       {"2 https://a.example/ http://a.example/ {\"tag\":\"y\"}"}},
      {"rows of empty cells are skipped",
       "url,tag\n,\n , \na.example,t\n,,,\n",
       {"4 https://a.example/ http://a.example/ {\"tag\":\"t\"}"}},
      {"short and long rows, an empty url, a bad url",
       "url,tag\na.example\nb.example,t,extra\n,t\nftp://c.example/"
       ",t\n\"d.example\",\"t\nu\",x\nok.example,t\n",
       {"2! the row has 1 fields, the header 2", "3! the row has 3 fields, the header 2",
        "4! the url column is empty", "5! 'ftp:' URLs are not crawled, only http and https",
        "6! the row has 3 fields, the header 2 (the row runs from line 6 to line 7)",
        "8 https://ok.example/ http://ok.example/ {\"tag\":\"t\"}"}},
      {"malformed quoting",
       "url,tag\n\"a.example\"x,t\nb\"c.example,t\nok.example,t\n",
       {"2! text follows the closing quote of a field",
        "3! a quote inside an unquoted field (quote the whole field and double the quote)",
        "4 https://ok.example/ http://ok.example/ {\"tag\":\"t\"}"}},
      {"invalid UTF-8 in a label",
       "url,tag\na.example,caf\xe9\nok.example,t\n",
       {"2! the row is not valid UTF-8",
        "3 https://ok.example/ http://ok.example/ {\"tag\":\"t\"}"}},
      {"a password in the url column",
       "url,tag\nhttps://alice:hunter2@a.example/,t\n",
       {"2! 'https://***@a.example/' has a user name or password before '@': credentials do not "
        "belong in a sites file"}},
  };
  for (const auto& [name, text, expected] : examples) {
    CAPTURE_BINDING(name);
    CHECK(read_all(text, sites_format::csv) == expected);
  }
}

TEST_CASE("CSV fields over 8 KB and rows over 64 KB are errors and the next row is read") {
  const auto big = std::string(sites_reader::max_line_bytes + 1, 'x');
  const auto wide = "a.example" + [] {
    std::string cells;
    for (int i = 0; i < 10; ++i) cells += "," + std::string(7000, 'y');
    return cells;
  }();
  std::string header = "url";
  for (int i = 0; i < 10; ++i) header += ",c" + std::to_string(i);
  const auto text = "url,tag\na.example,\"" + big + "\"\nok.example,t\n";
  CHECK(read_all(text, sites_format::csv) ==
        results{"2! a field is longer than 8192 bytes",
                "3 https://ok.example/ http://ok.example/ {\"tag\":\"t\"}"});
  const auto wide_text = header + "\n" + wide + "\nok.example" + std::string(10, ',') + "\n";
  const auto found = read_all(wide_text, sites_format::csv);
  REQUIRE(found.size() == 2);
  CHECK(found[0] == "2! the row is longer than 65536 bytes");
  CHECK(found[1].starts_with("3 https://ok.example/"));
}

TEST_CASE("an unterminated quote in a large CSV is one error read to the end in bounded time") {
  std::string text = "url,tag\nok.example,t\nbad.example,\"never closed\n";
  for (int i = 0; i < 100'000; ++i) text += "site" + std::to_string(i) + ".example,t\n";
  CHECK(read_all(text, sites_format::csv) ==
        results{"2 https://ok.example/ http://ok.example/ {\"tag\":\"t\"}",
                "3! a field is longer than 8192 bytes (the row runs from line 3 to line 100003)"});
  CHECK(read_all("url,tag\n\"a.example,t\nb.example,t\n", sites_format::csv) ==
        results{
            "2! the quote opened on line 2 is never closed (the row runs from line 2 to line 3)"});
}

TEST_CASE("a CSV file that cannot be a sites list throws and says why") {
  struct example {
    std::string_view text;
    std::string_view message;
  };
  const example examples[] = {
      {"", "the CSV file has no header row naming its columns, one of them 'url'"},
      {"\n\n", "the CSV file has no header row naming its columns, one of them 'url'"},
      {"site,tag\na.example,t\n", "the header row (line 1) has no 'url' column"},
      {"\nurl,URL\n", "the header row (line 2) has two 'url' columns"},
      {"url,tag, tag \n", "the header row (line 1) names the column 'tag' twice"},
      {"url,\"tag\n",
       "the header row (line 1) is malformed: the quote opened on line 1 is never closed"},
      {"url,caf\xe9\n", "the header row (line 1) is not valid UTF-8"},
  };
  for (const auto& [text, message] : examples) {
    CAPTURE_BINDING(text);
    CHECK_THROWS_WITH_AS(read_all(text, sites_format::csv), std::string(message).c_str(),
                         sites_input_error);
  }
}

TEST_CASE("a stream that cannot be read throws") {
  std::ifstream missing("/nonexistent/sites.txt");
  CHECK_THROWS_WITH_AS(sites_reader(missing, sites_format::text), "cannot be read",
                       sites_input_error);

  std::ifstream directory(GEOCRAWL_SOURCE_DIR);
  sites_reader reader(directory, sites_format::text);
  CHECK_THROWS_WITH_AS(reader.next(), "cannot be read: Is a directory", sites_input_error);
}

TEST_CASE("a sites file is checked before a crawl: opened, readable, a CSV header with url") {
  const testing::temp_dir dir;
  const auto path = [&](std::string_view name) { return (dir.path() / name).string(); };
  std::ofstream(path("good.txt")) << "ftp://bad.example/\nexample.com\n";
  std::ofstream(path("good.csv")) << "url\nexample.com\n";
  std::ofstream(path("no-url.csv")) << "site\nexample.com\n";
  // A bad first line is reported while loading; the file itself is fine.
  CHECK_NOTHROW(check_sites_file(path("good.txt")));
  CHECK_NOTHROW(check_sites_file(path("good.csv")));
  CHECK_THROWS_WITH_AS(check_sites_file(path("missing.txt")), "cannot open the file",
                       sites_input_error);
  CHECK_THROWS_WITH_AS(check_sites_file(path("no-url.csv")),
                       "the header row (line 1) has no 'url' column", sites_input_error);
  CHECK_THROWS_WITH_AS(check_sites_file(dir.path().string()), "cannot be read: Is a directory",
                       sites_input_error);
}

TEST_CASE("200000 generated lines are read one at a time with the right counts") {
  // Line i counting from 0 is: a comment when i % 10 == 0, else a bad line when i % 7 == 0,
  // else a duplicate of line i - 1 when i % 5 == 0, in another spelling.
  const auto line = [](std::size_t index) -> std::string {
    if (index % 10 == 0) return "# comment " + std::to_string(index) + "\n";
    if (index % 7 == 0) return "not a domain " + std::to_string(index) + "\n";
    if (index % 5 == 0) return "HTTPS://SITE" + std::to_string(index - 1) + ".example:443/#dup\n";
    return "site" + std::to_string(index) + ".example\n";
  };
  constexpr std::size_t count = 200'000;
  std::size_t comments = 0, bad = 0, repeated = 0;
  for (std::size_t i = 0; i < count; ++i) {
    comments += i % 10 == 0;
    bad += i % 10 != 0 && i % 7 == 0;
    repeated += i % 10 != 0 && i % 7 != 0 && i % 5 == 0 && (i - 1) % 7 != 0;
  }

  generated_lines lines(count, +line);
  std::istream in(&lines);
  sites_reader reader(in, sites_format::text);
  std::size_t entries = 0, errors = 0, duplicates = 0, read_ahead = 0, last_line = 0;
  std::string previous_url;
  for (std::size_t i = 0; i <= count; ++i) {
    auto result = reader.next();
    if (!result) break;
    if (const auto* entry = std::get_if<site_entry>(&*result)) {
      ++entries;
      last_line = entry->line;
      duplicates += entry->url == previous_url;
      previous_url = entry->url;
    } else {
      ++errors;
      last_line = std::get<site_line_error>(*result).line;
    }
    // Streaming: an entry comes out before the line after it has been read.
    read_ahead = std::max(read_ahead, lines.produced() - last_line);
  }
  CHECK(errors == bad);
  CHECK(entries == count - comments - bad);
  CHECK(duplicates == repeated);
  CHECK(last_line == count);
  CHECK(read_ahead <= 1);
}

}  // namespace geocrawl
