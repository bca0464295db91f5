#include <doctest/doctest.h>

#include "crawler/store/store.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

registrar_record lookup_at(std::string when, std::string registrar) {
  registrar_record record;
  record.domain = "example.com";
  record.looked_up_at = std::move(when);
  record.server = "https://rdap.example/domain/example.com";
  record.registrar = std::move(registrar);
  record.registrar_iana_id = "9999";
  record.abuse_email = "abuse@registrar.example";
  record.name_servers = {"ns1.example.net", "ns2.example.net"};
  record.statuses = {"active"};
  return record;
}

}  // namespace

TEST_CASE("store: the newest registrar lookup since a time is the cache, earlier ones are kept") {
  testing::temp_dir dir;
  store database(dir.path() / "rdap.db");
  database.record_registrars({lookup_at("2026-01-01T00:00:00.000Z", "Old Registrar"),
                              lookup_at("2026-02-01T00:00:00.000Z", "New Registrar")});

  const auto fresh = database.recent_registrar("example.com", "2026-01-15T00:00:00.000Z");
  REQUIRE(fresh);
  CHECK(fresh->registrar == "New Registrar");
  CHECK(fresh->outcome == rdap_outcome::found);
  CHECK(fresh->registrar_iana_id == "9999");
  CHECK(fresh->abuse_email == "abuse@registrar.example");
  CHECK(fresh->name_servers == std::vector<std::string>{"ns1.example.net", "ns2.example.net"});
  CHECK(fresh->statuses == std::vector<std::string>{"active"});
  CHECK(fresh->abuse_phone.empty());

  CHECK_FALSE(database.recent_registrar("example.com", "2026-03-01T00:00:00.000Z"));
  CHECK_FALSE(database.recent_registrar("example.org", "2000-01-01T00:00:00.000Z"));
}

TEST_CASE("store: a failed lookup is cached with its reason") {
  testing::temp_dir dir;
  store database(dir.path() / "rdap.db");
  registrar_record failed;
  failed.domain = "example.com";
  failed.looked_up_at = "2026-01-01T00:00:00.000Z";
  failed.outcome = rdap_outcome::rate_limited;
  failed.error = "429 with a Retry-After past [rdap] max_retry_after or the timeout";
  database.record_registrars({failed});
  const auto cached = database.recent_registrar("example.com", "2025-12-25T00:00:00.000Z");
  REQUIRE(cached);
  CHECK(cached->outcome == rdap_outcome::rate_limited);
  CHECK(cached->error == failed.error);
  CHECK(cached->registrar.empty());
}

TEST_CASE("rdap_outcome: every outcome's word reads back as that outcome") {
  for (const auto outcome :
       {rdap_outcome::found, rdap_outcome::not_found, rdap_outcome::no_server,
        rdap_outcome::rate_limited, rdap_outcome::timed_out, rdap_outcome::refused,
        rdap_outcome::invalid_response, rdap_outcome::server_error}) {
    CHECK(parse_rdap_outcome(to_string(outcome)) == outcome);
  }
  CHECK_FALSE(parse_rdap_outcome("found "));
}

}  // namespace geocrawl
