// `fetch --warc` and `crawl --warc`: the WARC files the binary writes, read back by the test's
// own reader (tests/support/warc_reader), against scripted origins on 127.0.0.1.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "crawler/store/sqlite.hpp"
#include "tests/support/desktop_googlebot_config.hpp"
#include "tests/support/encoders.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/warc_reader.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::string_view shop_page =
    "<html><title>Cheap Viagra</title><p>Buy Viagra online, no prescription needed.</p></html>";

// The records of every WARC file in the folder, in file-name order; each file checked.
std::vector<read_warc_record> read_folder(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) files.push_back(entry);
  std::sort(files.begin(), files.end());
  std::vector<read_warc_record> records;
  for (const auto& file : files) {
    CHECK(file.string().ends_with(".warc.gz"));
    auto read = read_warc(file);
    for (const auto& problem : read.problems) FAIL_CHECK(file.string() << ": " << problem);
    for (auto& record : read.records) records.push_back(std::move(record));
  }
  return records;
}

std::vector<std::string> types_of(const std::vector<read_warc_record>& records) {
  std::vector<std::string> types;
  for (const auto& record : records) types.push_back(record.field("WARC-Type"));
  return types;
}

void serve_shop(test_origin& origin, const std::string& path) {
  origin.route(path, [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}}, std::string(shop_page));
  });
}

// A redirect to a chunked, gzip-encoded shop page: the response must be stored as it came.
void serve_redirect_to_gzip_chunked(test_origin& origin) {
  origin.route("/", [&origin](const received_request&) {
    return http_response(302, {{"Location", origin.url("/shop")}}, "moved");
  });
  origin.route("/shop", [](const received_request&) {
    const auto gzipped = encode("gzip", shop_page);
    const auto half = gzipped.size() / 2;
    std::string chunked = status_line(200) +
                          "Content-Type: text/html\r\nContent-Encoding: gzip\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n";
    for (const auto& part : {gzipped.substr(0, half), gzipped.substr(half)}) {
      char size[16];
      std::snprintf(size, sizeof size, "%zx\r\n", part.size());
      chunked += size + part + "\r\n";
    }
    chunked += "0\r\n\r\n";
    return response_script{script_step::write(chunked), script_step::close()};
  });
}

}  // namespace

TEST_CASE("fetch --warc writes each hop as sent and received, gzip and chunking kept") {
  test_origin origin;
  serve_redirect_to_gzip_chunked(origin);
  const temp_file config(desktop_googlebot_config, ".toml");
  temp_dir warc;
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path(),
                                    "--vantage", "desktop", "--warc", warc.path().string()});
  CHECK(result.exit_code == 0);
  const auto records = read_folder(warc.path());
  REQUIRE(records.size() == 6);
  CHECK(types_of(records) == std::vector<std::string>{"warcinfo", "request", "response", "request",
                                                      "response", "metadata"});
  CHECK(records[0].block.find("software: geocrawl/") != std::string::npos);
  CHECK(records[0].block.find("vantage: desktop direct baseline") != std::string::npos);
  CHECK(records[1].field("WARC-Target-URI") == origin.url("/"));
  CHECK(records[1].field("WARC-IP-Address") == "127.0.0.1");
  CHECK(records[1].block.starts_with("GET / HTTP/1.1\r\n"));
  CHECK(records[2].block.starts_with("HTTP/1.1 302 "));
  CHECK(records[4].field("WARC-Target-URI") == origin.url("/shop"));
  const auto& shop = records[4];
  CHECK(shop.count("WARC-Truncated") == 0);
  // As received: the gzip bytes, in their chunks; the payload digest over the de-chunked
  // (still gzip-encoded) entity.
  CHECK(shop.block.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
  CHECK(shop.block.find(shop_page) == std::string::npos);
  CHECK(shop.field("WARC-Payload-Digest") == sha1_base32(encode("gzip", shop_page)));
  CHECK(records[5].block.find("vantage: desktop\r\n") != std::string::npos);
}

TEST_CASE("fetch --warc cuts a page at limits.max_body_bytes and says WARC-Truncated: length") {
  test_origin origin;
  const std::string big(3 * 1024 * 1024, 'x');
  origin.route("/big", [&big](const received_request&) {
    return http_response(200, {{"Content-Type", "text/plain"}}, big);
  });
  std::string small_limits = desktop_googlebot_config;
  small_limits.replace(small_limits.find("[limits]\n"), 9, "[limits]\nmax_body_bytes = 65536\n");
  const temp_file limited(small_limits, ".toml");
  temp_dir warc;
  const auto result = run_geocrawl({"fetch", origin.url("/big"), "--config", limited.path(),
                                    "--vantage", "desktop", "--warc", warc.path().string()});
  CHECK(result.exit_code == 0);
  const auto records = read_folder(warc.path());
  REQUIRE(records.size() == 4);
  const auto& response = records[2];
  CHECK(response.field("WARC-Truncated") == "length");
  CHECK(response.block.size() <= 64 * 1024 + 65536);
  CHECK(response.block.size() >= 65536);
}

TEST_CASE("fetch --warc keeps a gzip bomb as it came, compressed, not inflated") {
  test_origin origin;
  const auto bomb = encode("gzip", std::string(50 * 1024 * 1024, '\0'));
  origin.route("/bomb", [&bomb](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}, {"Content-Encoding", "gzip"}}, bomb);
  });
  std::string small_limits = desktop_googlebot_config;
  small_limits.replace(small_limits.find("[limits]\n"), 9, "[limits]\nmax_body_bytes = 65536\n");
  const temp_file limited(small_limits, ".toml");
  temp_dir warc;
  const auto result = run_geocrawl({"fetch", origin.url("/bomb"), "--config", limited.path(),
                                    "--vantage", "desktop", "--warc", warc.path().string()});
  CHECK(result.exit_code == 0);
  const auto records = read_folder(warc.path());
  REQUIRE(records.size() == 4);
  const auto& response = records[2];
  // Stored compressed, as received (the gzip magic, the bomb's own bytes), not the zeros the
  // decoder made of them.
  const auto body = response.block.substr(response.block.find("\r\n\r\n") + 4);
  CHECK(body.starts_with("\x1f\x8b"));
  CHECK(body.size() <= bomb.size());
  // Whole when the bomb came in before decoding stopped the reads; else cut, and said so.
  const bool whole = body.size() == bomb.size();
  CHECK(whole == (response.count("WARC-Truncated") == 0));
  if (!whole) CHECK(response.field("WARC-Truncated") == "length");
  CHECK(bomb.starts_with(body));
}

TEST_CASE("fetch --warc --db stores where each view's records begin") {
  test_origin origin;
  serve_shop(origin, "/");
  const temp_file config(desktop_googlebot_config, ".toml");
  const temp_file database("", ".db");
  temp_dir warc;
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path(), "--db",
                                    database.path(), "--warc", warc.path().string()});
  CHECK(result.exit_code == 0);
  sqlite_db db(database.path());
  auto rows = db.prepare("SELECT vantage, warc_file, warc_offset FROM views ORDER BY id");
  int views = 0;
  while (rows.step()) {
    ++views;
    const std::filesystem::path file = rows.column_text(1);
    CHECK(file.parent_path() == warc.path());
    CHECK(file.filename().string().starts_with("geocrawl-"));
    const auto read = read_warc(file);
    const auto offset = static_cast<std::uint64_t>(rows.column_int(2));
    const auto at = std::find_if(read.records.begin(), read.records.end(),
                                 [&](const auto& record) { return record.offset == offset; });
    REQUIRE(at != read.records.end());
    CHECK(at->field("WARC-Type") == "request");
    // The view's metadata follows its hops and names its vantage.
    const auto metadata = std::find_if(at, read.records.end(), [](const auto& record) {
      return record.field("WARC-Type") == "metadata";
    });
    REQUIRE(metadata != read.records.end());
    CHECK(metadata->block.find("vantage: " + rows.column_text(0) + "\r\n") != std::string::npos);
  }
  CHECK(views == 2);
}

TEST_CASE("show --warc writes one view's records back, as crawl wrote them") {
  test_origin origin;
  serve_shop(origin, "/a");
  const temp_file config(desktop_googlebot_config, ".toml");
  const temp_file sites(origin.url("/a") + "\n", ".txt");
  const temp_file database("", ".db");
  temp_dir warc;
  REQUIRE(run_geocrawl({"crawl", "--sites", sites.path(), "--config", config.path(), "--db",
                        database.path(), "--warc", warc.path().string()})
              .exit_code == 0);
  const auto shown = run_geocrawl(
      {"show", origin.url("/a"), "--db", database.path(), "--vantage", "googlebot", "--warc"});
  CHECK(shown.exit_code == 0);
  CHECK(shown.out.starts_with("WARC/1.1\r\nWARC-Type: request\r\n"));
  CHECK(shown.out.find("User-Agent: Googlebot/2.1\r\n") != std::string::npos);
  CHECK(shown.out.find("vantage: googlebot\r\n") != std::string::npos);
  CHECK(shown.out.find("vantage: desktop\r\n") == std::string::npos);

  const auto without = run_geocrawl({"show", origin.url("/a"), "--db", database.path(), "--warc"});
  CHECK(without.exit_code == 2);  // two views: --warc shows one
}

TEST_CASE("fetch --warc of an https page keeps the certificate chain the server sent") {
  const auto pki = make_test_pki({"localhost"}, {"127.0.0.1"});
  test_origin origin({.tls = pki.leaf});
  serve_shop(origin, "/");
  const temp_file ca(pki.ca.cert_pem, ".pem");
  const temp_file config(
      std::string(desktop_googlebot_config) + "\n[tls]\nca_file = \"" + ca.path() + "\"\n",
      ".toml");
  temp_dir warc;
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path(),
                                    "--vantage", "desktop", "--warc", warc.path().string()});
  CHECK(result.exit_code == 0);
  const auto records = read_folder(warc.path());
  REQUIRE(records.size() == 5);
  CHECK(records[4].field("WARC-Type") == "resource");
  CHECK(records[4].field("Content-Type") == "application/x-pem-file");
  CHECK(records[4].block.find(pki.leaf.cert_pem) != std::string::npos);
}

TEST_CASE("crawl --warc writes every view of every site, and the store says where") {
  test_origin origin;
  serve_shop(origin, "/a");
  origin.route("/b", [](const received_request&) {
    return http_response(404, {{"Content-Type", "text/html"}}, "gone");
  });
  const temp_file config(desktop_googlebot_config, ".toml");
  const temp_file sites(origin.url("/a") + "\n" + origin.url("/b") + "\n", ".txt");
  const temp_file database("", ".db");
  temp_dir warc;
  const auto result = run_geocrawl({"crawl", "--sites", sites.path(), "--config", config.path(),
                                    "--db", database.path(), "--warc", warc.path().string()});
  CHECK(result.exit_code == 0);
  const auto records = read_folder(warc.path());
  std::map<std::string, int> counts;
  for (const auto& type : types_of(records)) ++counts[type];
  CHECK(counts["warcinfo"] == 1);
  CHECK(counts["request"] == 4);
  CHECK(counts["response"] == 4);
  CHECK(counts["metadata"] == 4);
  sqlite_db db(database.path());
  auto missing = db.prepare("SELECT count(*) FROM views WHERE warc_file IS NULL");
  REQUIRE(missing.step());
  CHECK(missing.column_int(0) == 0);
}

TEST_CASE("crawl: WARC that cannot be written costs no result: stored, said, degraded") {
  test_origin origin;
  serve_shop(origin, "/a");
  const temp_file config(desktop_googlebot_config, ".toml");
  const temp_file sites(origin.url("/a") + "\n", ".txt");
  const temp_file database("", ".db");
  // A folder under a regular file cannot be created, as a full disk cannot be written.
  const temp_file blocker("not a folder");
  const auto result = run_geocrawl({"crawl", "--sites", sites.path(), "--config", config.path(),
                                    "--db", database.path(), "--warc", blocker.path() + "/warc"});
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("geocrawl: WARC: cannot create the WARC folder") != std::string::npos);
  CHECK(result.out.find(" done\n") != std::string::npos);
  sqlite_db db(database.path());
  auto views = db.prepare("SELECT count(*), count(warc_file) FROM views");
  REQUIRE(views.step());
  CHECK(views.column_int(0) == 2);
  CHECK(views.column_int(1) == 0);
}

}  // namespace geocrawl::testing
