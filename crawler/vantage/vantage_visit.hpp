#pragma once
// One site's visit by one vantage across its requests (its view, then its favicon), as one
// visitor's browser would make it: the connection the server left open and, for a proxied
// vantage, the proxy lease it was opened under, so the next request leaves the same way over the
// same connection. A held lease is parked in the pool (proxy_pool::park): it still counts
// against its proxy's max_connections, but a view that finds every proxy of the country at its
// cap takes it over, closing the connection, so an idle visit never holds up a view. Ending the
// visit closes the connection, then returns the lease. Used on the pool's executor only.
#include <chrono>
#include <cstddef>
#include <optional>

#include "crawler/http/connection_keeper.hpp"
#include "proxies/proxy_pool.hpp"

namespace geocrawl {

class vantage_visit {
 public:
  explicit vantage_visit(std::chrono::milliseconds idle_limit = kept_connection_idle_limit);
  ~vantage_visit();
  vantage_visit(const vantage_visit&) = delete;
  vantage_visit& operator=(const vantage_visit&) = delete;

  // Where the connection waits between the visit's requests.
  connection_keeper& keeper() noexcept { return keeper_; }

  // A proxy lease whose connection stays open for the visit's next request.
  struct held_lease {
    std::size_t index = proxy_pool::no_proxy;
    pooled_proxy proxy;  // the member as the views relied on it, in the site's session
  };
  // Parks `lease` of `pool` with the connection the keeper has, until the visit resumes or
  // ends, or a view takes the lease over.
  void hold(proxy_pool& pool, held_lease lease);
  // The lease held, for the next request, when it is still held and its member was not
  // withdrawn meanwhile; otherwise the visit ends and nullopt.
  std::optional<held_lease> resume();
  // Closes the connection and returns the lease held, if any.
  void end();

 private:
  void end_lease();

  connection_keeper keeper_;
  proxy_pool* pool_ = nullptr;
  std::optional<held_lease> held_;
  std::optional<proxy_pool::park_ticket> parking_;
};

}  // namespace geocrawl
