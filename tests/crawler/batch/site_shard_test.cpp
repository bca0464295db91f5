#include "crawler/batch/site_shard.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace geocrawl {

TEST_CASE("the shard hash is the first 8 bytes of the SHA-256, big-endian, as the README shows") {
  // sha256("example.co.uk") begins 52 38 92 33 65 ed ca 02.
  CHECK(shard_hash("example.co.uk") == 0x5238923365edca02ULL);
  CHECK(shard_of_url("https://www.example.co.uk/pills", 4) == 0x5238923365edca02ULL % 4);
  CHECK(shard_of_url("https://www.example.co.uk/pills", 4) == 2);
  CHECK(shard_of_url("http://pharma-shop.example/", 16) == 13);
}

TEST_CASE("every URL of one registrable domain lands in one shard, whatever its host and path") {
  const std::vector<std::string> urls = {
      "https://example.co.uk/", "https://www.example.co.uk/a?b=c", "http://shop.EXAMPLE.co.uk/",
      "https://deep.shop.example.co.uk:8443/x", "http://example.co.uk./"};
  for (const std::uint32_t count : {2U, 4U, 7U, 64U}) {
    const auto first = shard_of_url(urls.front(), count);
    for (const auto& url : urls) {
      CAPTURE(url);
      CHECK(shard_of_url(url, count) == first);
    }
  }
}

TEST_CASE("a host with no registrable domain hashes the host itself") {
  CHECK(shard_of_url("http://127.0.0.1:8080/x", 1024) == shard_hash("127.0.0.1") % 1024);
  CHECK(shard_of_url("http://[::1]/", 1024) == shard_hash("::1") % 1024);
  CHECK(shard_of_url("http://co.uk/", 1024) == shard_hash("co.uk") % 1024);
  CHECK(shard_of_url("http://localhost/", 1024) == shard_hash("localhost") % 1024);
  // Two addresses are two sites.
  CHECK(shard_hash("127.0.0.1") != shard_hash("127.0.0.2"));
}

TEST_CASE("a skewed list, one domain with a thousand URLs, lands whole in one shard") {
  const run_shard shards[] = {{0, 4}, {1, 4}, {2, 4}, {3, 4}};
  std::vector<int> per_shard(4, 0);
  for (int i = 0; i < 1000; ++i) {
    const auto url =
        "https://host" + std::to_string(i % 37) + ".bulk-pharmacy.example/p/" + std::to_string(i);
    const auto taken = std::count_if(std::begin(shards), std::end(shards),
                                     [&](const run_shard& shard) { return in_shard(shard, url); });
    REQUIRE(taken == 1);  // each URL in exactly one shard
    ++per_shard[shard_of_url(url, 4)];
  }
  CHECK(std::count(per_shard.begin(), per_shard.end(), 1000) == 1);
  CHECK(std::count(per_shard.begin(), per_shard.end(), 0) == 3);
}

TEST_CASE("shards are balanced within 10 percent over 100,000 generated domains") {
  constexpr int domains = 100'000;
  for (const std::uint32_t count : {4U, 16U, 64U}) {
    std::vector<int> per_shard(count, 0);
    for (int i = 0; i < domains; ++i) {
      const auto url =
          "https://www.pharmacy-" + std::to_string(i) + (i % 3 == 0 ? ".co.uk" : ".com") + "/";
      ++per_shard[shard_of_url(url, count)];
    }
    const double mean = static_cast<double>(domains) / count;
    for (std::uint32_t shard = 0; shard < count; ++shard) {
      CAPTURE(count);
      CAPTURE(shard);
      CHECK(per_shard[shard] > mean * 0.9);
      CHECK(per_shard[shard] < mean * 1.1);
    }
  }
}

}  // namespace geocrawl
