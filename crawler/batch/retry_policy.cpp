#include "crawler/batch/retry_policy.hpp"

#include <algorithm>
#include <array>

#include "crawler/http/fetch_error.hpp"

namespace geocrawl {

namespace {

constexpr std::chrono::milliseconds longest_pause = std::chrono::minutes(5);

bool error_is_one_of(const view& record, std::initializer_list<boost::system::error_code> codes) {
  if (!record.error) return false;
  return std::find(codes.begin(), codes.end(), record.error->code) != codes.end();
}

}  // namespace

bool is_transient(const view& failed) {
  if (error_is_one_of(failed, {dial_errc::timeout, fetch_errc::timeout, dial_errc::connect,
                               dial_errc::proxy_refused})) {
    return true;
  }
  if (failed.error) return false;
  constexpr std::array later{429, 502, 503, 504};
  return std::find(later.begin(), later.end(), failed.status) != later.end();
}

bool worth_plain_http(const view& attempt) {
  return error_is_one_of(attempt, {dial_errc::connect, dial_errc::timeout, fetch_errc::timeout,
                                   fetch_errc::tls, fetch_errc::http});
}

std::chrono::milliseconds retry_delay(std::chrono::milliseconds base, int retry, double jitter) {
  const int doublings = std::clamp(retry - 1, 0, 20);
  const auto grown = std::min(base * (std::int64_t{1} << doublings), longest_pause);
  const auto scaled = std::chrono::duration_cast<std::chrono::milliseconds>(
      grown * (0.5 + std::clamp(jitter, 0.0, 1.0)));
  return std::min(scaled, longest_pause);
}

}  // namespace geocrawl
