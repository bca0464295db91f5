// geocrawl's WARC files read by readers other people use: warcio.js (Webrecorder's, pinned in
// tests/interop/warcio and installed by scripts/setup.sh) parses every record and the digests it
// delimits verify; and for the same local page geocrawl writes the record types and the fields
// Debian's `wget --warc-file` writes. Both are part of the setup: a missing one fails the test.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "tests/support/child_process.hpp"
#include "tests/support/desktop_googlebot_config.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/warc_reader.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::string_view page =
    "<html><title>Cheap Viagra</title><p>Buy Viagra online, no prescription.</p></html>";

std::filesystem::path only_file(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) files.push_back(entry);
  REQUIRE(files.size() == 1);
  return files.front();
}

// The field names of the first record of this type.
std::set<std::string> field_names(const read_warc_file& file, const std::string& type) {
  for (const auto& record : file.records) {
    if (record.field("WARC-Type") != type) continue;
    std::set<std::string> names;
    for (const auto& [name, value] : record.fields) names.insert(name);
    return names;
  }
  return {};
}

void serve(test_origin& origin) {
  origin.route("/", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}}, std::string(page));
  });
  origin.route("/chunked", [](const received_request&) {
    return response_script{
        script_step::write(status_line(200) +
                           "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "10\r\n<html>Buy Viagra\r\n7\r\n</html>\r\n0\r\n\r\n"),
        script_step::close()};
  });
}

}  // namespace

TEST_CASE("warcio.js reads every record geocrawl writes, and the digests verify") {
  test_origin origin;
  serve(origin);
  const temp_file config(desktop_googlebot_config, ".toml");
  for (const char* path : {"/", "/chunked"}) {
    temp_dir warc;
    const auto fetched = run_geocrawl(
        {"fetch", origin.url(path), "--config", config.path(), "--warc", warc.path().string()});
    REQUIRE(fetched.exit_code == 0);
    const auto checked = run_command(
        {"node", std::string(GEOCRAWL_SOURCE_DIR) + "/tests/interop/warcio/check_warc.mjs",
         only_file(warc.path()).string()});
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
    // warcinfo, then per view (two vantages) request, response, metadata.
    CHECK(std::count(checked.out.begin(), checked.out.end(), '\n') == 7);
    CHECK(checked.out.find("\"payload\":true") != std::string::npos);
    CHECK(checked.out.find("false") == std::string::npos);
  }
}

TEST_CASE("for the same page geocrawl writes the record types and fields wget writes") {
  test_origin origin;
  serve(origin);
  temp_dir work;
  const auto wget_stem = (work.path() / "wget").string();
  const auto wgot = run_command({"wget", "--no-proxy", "--quiet", "--warc-file=" + wget_stem, "-O",
                                 "/dev/null", origin.url("/")});
  REQUIRE(wgot.exit_code == 0);
  const auto theirs = read_warc(wget_stem + ".warc.gz");

  const temp_file config(desktop_googlebot_config, ".toml");
  const auto ours_folder = work.path() / "ours";
  const auto fetched = run_geocrawl({"fetch", origin.url("/"), "--config", config.path(),
                                     "--vantage", "desktop", "--warc", ours_folder.string()});
  REQUIRE(fetched.exit_code == 0);
  const auto ours = read_warc(only_file(ours_folder));
  CHECK(ours.problems.empty());

  for (const char* type : {"warcinfo", "request", "response"}) {
    INFO(type);
    const auto wget_fields = field_names(theirs, type);
    const auto our_fields = field_names(ours, type);
    REQUIRE_FALSE(wget_fields.empty());
    for (const auto& name : wget_fields) {
      INFO(name);
      CHECK(our_fields.count(name) == 1);
    }
  }
  // wget writes WARC/1.0 and the 1.0 grammar's <angle brackets> around the target URI
  // (what broke pywb); geocrawl writes 1.1 without them.
  const auto target = [](const read_warc_file& file) {
    for (const auto& record : file.records)
      if (record.field("WARC-Type") == "response") return record.field("WARC-Target-URI");
    return std::string();
  };
  CHECK(target(theirs) == "<" + origin.url("/") + ">");
  CHECK(target(ours) == origin.url("/"));
}

}  // namespace geocrawl::testing
