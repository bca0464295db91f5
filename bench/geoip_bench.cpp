// GeoIP lookups in the shipped database: every proxy check and every verified view pays
// one or two. Random public IPv4 and IPv6 addresses, so the lookups walk the whole tree
// rather than one warm path.
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "proxies/geoip.hpp"

namespace {

std::vector<boost::asio::ip::address> random_addresses(bool v6) {
  std::mt19937_64 random(42);
  std::vector<boost::asio::ip::address> addresses;
  for (int i = 0; i < 4096; ++i) {
    if (v6) {
      boost::asio::ip::address_v6::bytes_type bytes{};
      for (auto& byte : bytes) byte = static_cast<unsigned char>(random());
      bytes[0] = 0x20;  // 2000::/4, where the allocations are
      addresses.emplace_back(boost::asio::ip::address_v6(bytes));
    } else {
      addresses.emplace_back(boost::asio::ip::address_v4(static_cast<std::uint32_t>(random())));
    }
  }
  return addresses;
}

void lookup(benchmark::State& state, bool v6) {
  const geocrawl::geoip_database database(geocrawl::shipped_geoip_database());
  const auto addresses = random_addresses(v6);
  std::size_t i = 0;
  std::size_t found = 0;
  for (auto _ : state) {
    found += database.country(addresses[i++ % addresses.size()]).has_value();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["found_share"] =
      static_cast<double>(found) / static_cast<double>(state.iterations());
}

void geoip_lookup_ipv4(benchmark::State& state) { lookup(state, false); }
void geoip_lookup_ipv6(benchmark::State& state) { lookup(state, true); }

}  // namespace

BENCHMARK(geoip_lookup_ipv4);
BENCHMARK(geoip_lookup_ipv6);
BENCHMARK_MAIN();
