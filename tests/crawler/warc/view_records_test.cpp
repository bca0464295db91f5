#include "crawler/warc/view_records.hpp"

#include <doctest/doctest.h>

#include "crawler/warc/gzip_member.hpp"
#include "tests/support/warc_reader.hpp"

using namespace geocrawl;
using geocrawl::testing::read_warc_bytes;

namespace {

hop_capture hop(std::string url, std::string response, bool complete) {
  hop_capture capture;
  capture.target_uri = std::move(url);
  capture.ip_address = "127.0.0.1";
  capture.sent_at = "2026-12-07T08:00:00.000Z";
  capture.request = "GET / HTTP/1.1\r\nHost: shop.test\r\n\r\n";
  capture.response = std::move(response);
  capture.response_complete = complete;
  return capture;
}

view redirected_view() {
  view seen;
  seen.vantage = "jp";
  seen.proxy = "tokyo-1";
  seen.exit_ip = "127.0.0.9";
  seen.exit_country = "JP";
  seen.requested_url = "http://shop.test/";
  seen.final_url = "https://shop.test/home";
  seen.fetched_at = "2026-12-07T08:00:00.000Z";
  seen.status = 200;
  seen.captures.push_back(
      hop("http://shop.test/",
          "HTTP/1.1 301 Moved\r\nLocation: https://shop.test/home\r\nContent-Length: 9\r\n\r\n",
          false));
  seen.captures.push_back(hop("https://shop.test/home",
                              "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "4\r\nbuy \r\n6\r\nviagra\r\n0\r\n\r\n",
                              true));
  seen.tls.emplace();
  seen.tls->chain_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  return seen;
}

std::string as_file(const std::vector<warc_record>& records) {
  std::string bytes;
  for (const auto& record : records) bytes += gzip_member(serialize(record));
  return bytes;
}

}  // namespace

TEST_CASE("a view is a request and a response per hop, its metadata and its certificate chain") {
  comparison compared;
  compared.vantage = "jp";
  compared.baseline = "default";
  compared.verdict = cloaking_verdict::cloaked;
  compared.reasons = {"jp sees drugs\r\nWARC-Type: forged", "the baseline sees none"};
  const auto records = view_records(redirected_view(), &compared, cloaking_verdict::cloaked);
  const auto file = read_warc_bytes(as_file(records));
  CHECK(file.problems.empty());
  for (const auto& problem : file.problems) MESSAGE(problem);
  REQUIRE(file.records.size() == 6);
  const char* types[] = {"request", "response", "request", "response", "metadata", "resource"};
  for (std::size_t i = 0; i < 6; ++i) CHECK(file.records[i].field("WARC-Type") == types[i]);
  for (std::size_t hop = 0; hop < 2; ++hop) {
    const auto& request = file.records[2 * hop];
    const auto& response = file.records[2 * hop + 1];
    CHECK(request.field("WARC-Concurrent-To") == response.field("WARC-Record-ID"));
    CHECK(response.field("WARC-Concurrent-To") == request.field("WARC-Record-ID"));
    CHECK(response.field("WARC-IP-Address") == "127.0.0.1");
    CHECK(response.field("Content-Type") == "application/http;msgtype=response");
  }
  CHECK(file.records[1].field("WARC-Target-URI") == "http://shop.test/");
  // The redirect's body was not read: cut, but not by the length cap.
  CHECK(file.records[1].field("WARC-Truncated") == "unspecified");
  CHECK(file.records[3].count("WARC-Truncated") == 0);
  // Kept chunked as received; the payload digest is over the de-chunked entity.
  CHECK(file.records[3].block.find("4\r\nbuy \r\n") != std::string::npos);
  CHECK(file.records[3].field("WARC-Payload-Digest") == testing::sha1_base32("buy viagra"));
  const auto& metadata = file.records[4].block;
  CHECK(metadata.find("vantage: jp\r\n") != std::string::npos);
  CHECK(metadata.find("proxy: tokyo-1\r\n") != std::string::npos);
  CHECK(metadata.find("exit-country: JP\r\n") != std::string::npos);
  CHECK(metadata.find("verdict: cloaked\r\n") != std::string::npos);
  CHECK(metadata.find("reason: jp sees drugs%0D%0AWARC-Type: forged\r\n") != std::string::npos);
  CHECK(file.records[5].field("Content-Type") == "application/x-pem-file");
  CHECK(file.records[5].field("WARC-Target-URI") ==
        "urn:x-geocrawl:tls-chain:https://shop.test/home");
}

TEST_CASE("the final hop cut at the body cap says WARC-Truncated: length") {
  auto seen = redirected_view();
  seen.truncated = true;
  seen.captures.back().response_complete = false;
  const auto records = view_records(seen, nullptr, std::nullopt);
  const auto file = read_warc_bytes(as_file(records));
  REQUIRE(file.records.size() == 6);
  CHECK(file.records[3].field("WARC-Truncated") == "length");
}

TEST_CASE("a target URI with CR or LF is refused, not written") {
  auto seen = redirected_view();
  seen.captures.back().target_uri = "https://shop.test/\r\nWARC-Type: forged";
  const auto records = view_records(seen, nullptr, std::nullopt);
  CHECK_THROWS_AS(as_file(records), warc_field_error);
}

TEST_CASE("a view without captures still leaves its metadata, and no chain record") {
  view failed;
  failed.vantage = "us";
  failed.requested_url = "https://down.test/";
  failed.fetched_at = "2026-12-07T08:00:00.000Z";
  failed.error = view_error{{}, "connect refused", false};
  const auto records = view_records(failed, nullptr, std::nullopt);
  REQUIRE(records.size() == 1);
  CHECK(records[0].type == warc_record_type::metadata);
  CHECK(records[0].block.find("error: connect refused\r\n") != std::string::npos);
}

TEST_CASE("a rendered view adds its DOM as a conversion of the response and its screenshot") {
  auto seen = redirected_view();
  auto& page = seen.rendered.emplace();
  page.emulation = {"Mozilla/5.0", "ja-JP", "ja-JP", "Asia/Tokyo"};
  // A script chose this URL: a CR LF in it must not forge a field.
  page.final_url = "https://shop.test/cart\r\nWARC-Type: forged";
  page.dom = "<html><body>buy viagra</body></html>";
  page.dom_sha256 = "d0";
  page.dom_truncated = true;
  page.screenshot_png = "\x89PNG\r\n\x1a\n";
  page.rendered_at = "2026-12-07T08:00:05.000Z";
  page.requests.requests = {{relay_method::forward, "GET", "http://shop.test/a.js"}};
  const auto records = view_records(seen, nullptr, std::nullopt);
  const auto file = read_warc_bytes(as_file(records));
  CHECK(file.problems.empty());
  for (const auto& problem : file.problems) MESSAGE(problem);
  REQUIRE(file.records.size() == 8);
  const auto& response = file.records[3];
  const auto& dom = file.records[6];
  const auto& shot = file.records[7];
  CHECK(dom.field("WARC-Type") == "conversion");
  CHECK(dom.field("WARC-Refers-To") == response.field("WARC-Record-ID"));
  CHECK(dom.field("WARC-Target-URI") == "https://shop.test/cart%0D%0AWARC-Type: forged");
  CHECK(dom.field("Content-Type") == "text/html; charset=utf-8");
  CHECK(dom.field("WARC-Truncated") == "length");
  CHECK(dom.field("WARC-Date") == "2026-12-07T08:00:05.000Z");
  CHECK(dom.block == page.dom);
  CHECK(shot.field("WARC-Type") == "resource");
  CHECK(shot.field("Content-Type") == "image/png");
  CHECK(shot.field("WARC-Concurrent-To") == dom.field("WARC-Record-ID"));
  CHECK(shot.field("WARC-Target-URI").starts_with("urn:x-geocrawl:screenshot:https://shop.test/"));
  CHECK(shot.block == page.screenshot_png);
  const auto& metadata = file.records[4].block;
  CHECK(metadata.find("rendered-time-zone: Asia/Tokyo\r\n") != std::string::npos);
  CHECK(metadata.find("rendered-requests: 1\r\n") != std::string::npos);
}
