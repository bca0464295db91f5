#pragma once
// Asks a domain's registry who its registrar is (RDAP, RFC 9082/9083), politely: the server is
// found through the bootstrap registry, each server gets one request at a time at least
// [rdap] min_interval apart, a 429's Retry-After is waited out when it is short, and every
// request goes through the same fetch as a site's (direct, the target address policy on every
// hop, body and time bounded). A thin registry's answer (.com) links to the registrar's own
// record of the domain, which is asked too, once, within the same timeout: it fills what the
// registry left out. Runs on one thread, like the limits it uses.
#include <chrono>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "crawler/async/async_limit.hpp"
#include "crawler/async/keyed_gate.hpp"
#include "crawler/config/rdap_settings.hpp"
#include "crawler/http/fetch_environment.hpp"
#include "crawler/rdap/rdap_bootstrap.hpp"
#include "crawler/store/registrar_record.hpp"

namespace geocrawl {

class rdap_client {
 public:
  rdap_client(const rdap_settings& settings, rdap_bootstrap bootstrap,
              const fetch_environment& environment);

  // The lookup of a registrable domain, found or failed: never throws for anything a server
  // does, and ends within [rdap] timeout after its first request starts.
  boost::asio::awaitable<registrar_record> look_up(std::string domain);

 private:
  // One URL asked, 429s waited out: the body of a 200, or nullopt with `record`'s outcome and
  // error saying why not.
  boost::asio::awaitable<std::optional<std::string>> ask(
      std::string url, std::chrono::steady_clock::time_point deadline, registrar_record& record);

  const rdap_settings& settings_;
  rdap_bootstrap bootstrap_;
  const fetch_environment& environment_;
  keyed_gate servers_;  // one request at a time per server, min_interval apart
  async_limit slots_;   // lookups in flight over all servers
};

}  // namespace geocrawl
