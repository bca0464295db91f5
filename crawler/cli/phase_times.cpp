#include "crawler/cli/phase_times.hpp"

#include "parsers/web_url.hpp"

namespace geocrawl {

namespace {

bool names_a_host(const std::string& url) {
  const auto parsed = parse_web_url(url);
  return parsed && parsed->host_type() == boost::urls::host_type::name;
}

}  // namespace

phase_times phase_times_of(const view& record) {
  phase_times times;
  times.total = record.timings.total;
  if (record.status == 0) return times;
  if (record.proxy.empty() && names_a_host(record.final_url)) times.dns = record.timings.dns;
  times.connect = record.timings.connect;
  if (record.tls) times.tls = record.timings.tls;
  times.first_byte = record.timings.first_byte;
  return times;
}

}  // namespace geocrawl
