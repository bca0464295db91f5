#include "crawler/cli/phase_times.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

using std::chrono::milliseconds;

view answered(std::string url) {
  view record;
  record.final_url = std::move(url);
  record.status = 200;
  record.timings = {milliseconds(3), milliseconds(5), milliseconds(0), milliseconds(9),
                    milliseconds(40)};
  return record;
}

}  // namespace

TEST_CASE("a phase that did not happen has no time, one that did keeps its own") {
  const auto named = phase_times_of(answered("http://shop.example/"));
  CHECK(named.dns == milliseconds(3));
  CHECK(named.connect == milliseconds(5));
  CHECK_FALSE(named.tls);  // http: no TLS
  CHECK(named.first_byte == milliseconds(9));
  CHECK(named.total == milliseconds(40));

  CHECK_FALSE(phase_times_of(answered("http://127.0.0.1:8080/")).dns);  // an address
  CHECK_FALSE(phase_times_of(answered("http://[::1]/")).dns);

  auto proxied = answered("http://shop.example/");
  proxied.proxy = "jp-1";  // the proxy resolves the name
  CHECK_FALSE(phase_times_of(proxied).dns);

  auto secure = answered("https://shop.example/");
  secure.tls = tls_summary{};
  CHECK(phase_times_of(secure).tls == milliseconds(0));  // measured, however fast
}

TEST_CASE("a view without a response has only its total") {
  view failed;
  failed.requested_url = "https://shop.example/";
  failed.timings.total = milliseconds(10'000);
  const auto times = phase_times_of(failed);
  CHECK_FALSE(times.dns);
  CHECK_FALSE(times.connect);
  CHECK_FALSE(times.tls);
  CHECK_FALSE(times.first_byte);
  CHECK(times.total == milliseconds(10'000));
}

}  // namespace geocrawl
