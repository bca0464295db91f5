#include "crawler/rdap/rdap_domain_response.hpp"

#include <doctest/doctest.h>

#include <string>

namespace geocrawl {

namespace {

// Trimmed from the shape of a thick registry's answer (RFC 9083 §5.3), the registrar's abuse
// contact nested in its entity as ICANN's RDAP profile asks.
constexpr std::string_view domain_answer = R"({
  "objectClassName": "domain",
  "ldhName": "EXAMPLE.COM",
  "status": ["client transfer prohibited", "server delete prohibited"],
  "events": [
    {"eventAction": "registration", "eventDate": "1995-08-14T04:00:00Z"},
    {"eventAction": "expiration", "eventDate": "2026-08-13T04:00:00Z"},
    {"eventAction": "last changed", "eventDate": "2025-08-14T07:01:38Z"},
    {"eventAction": "last update of RDAP database", "eventDate": "2026-01-01T00:00:00Z"}
  ],
  "nameservers": [
    {"objectClassName": "nameserver", "ldhName": "A.IANA-SERVERS.NET"},
    {"objectClassName": "nameserver", "ldhName": "B.IANA-SERVERS.NET"}
  ],
  "entities": [
    {"objectClassName": "entity", "roles": ["registrant"],
     "vcardArray": ["vcard", [["fn", {}, "text", "Not the registrar"]]]},
    {"objectClassName": "entity", "roles": ["registrar"],
     "publicIds": [{"type": "IANA Registrar ID", "identifier": "376"}],
     "vcardArray": ["vcard", [["version", {}, "text", "4.0"],
                              ["fn", {}, "text", "RESERVED-Internet Assigned Numbers Authority"]]],
     "entities": [
       {"objectClassName": "entity", "roles": ["abuse"],
        "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", ""],
                                 ["tel", {"type": "voice"}, "uri", "tel:+1.3103015800"],
                                 ["email", {}, "text", "abuse@iana.example"]]]}
     ]}
  ]
})";

}  // namespace

TEST_CASE("read_rdap_domain: the registrar, its abuse contact, events, name servers, statuses") {
  registrar_record record;
  REQUIRE(read_rdap_domain(domain_answer, record).has_value());
  CHECK(record.registrar == "RESERVED-Internet Assigned Numbers Authority");
  CHECK(record.registrar_iana_id == "376");
  CHECK(record.abuse_email == "abuse@iana.example");
  CHECK(record.abuse_phone == "tel:+1.3103015800");
  CHECK(record.registered_at == "1995-08-14T04:00:00Z");
  CHECK(record.expires_at == "2026-08-13T04:00:00Z");
  CHECK(record.last_changed_at == "2025-08-14T07:01:38Z");
  CHECK(record.name_servers ==
        std::vector<std::string>{"A.IANA-SERVERS.NET", "B.IANA-SERVERS.NET"});
  CHECK(record.statuses ==
        std::vector<std::string>{"client transfer prohibited", "server delete prohibited"});
}

TEST_CASE("read_rdap_domain: what is missing or of the wrong type is left empty") {
  registrar_record record;
  REQUIRE(read_rdap_domain(R"({"objectClassName": "domain",
    "entities": [{"roles": "registrar"}, {"roles": ["registrar"], "vcardArray": ["vcard"],
                  "publicIds": [{"type": "IANA Registrar ID", "identifier": 376}]}],
    "events": [{"eventAction": "registration"}], "nameservers": [{}, 3], "status": [1]})",
                           record)
              .has_value());
  CHECK(record.registrar.empty());
  CHECK(record.registrar_iana_id.empty());
  CHECK(record.registered_at.empty());
  CHECK(record.name_servers.empty());
  CHECK(record.statuses.empty());
}

TEST_CASE("read_rdap_domain: a body that is not a domain object says why") {
  registrar_record record;
  CHECK(read_rdap_domain("<html>", record).error().starts_with("not JSON"));
  CHECK(read_rdap_domain("[]", record).error() == "not a JSON object");
  CHECK(read_rdap_domain(R"({"objectClassName": "entity"})", record)
            .error()
            .starts_with("not an RDAP domain object"));
  // Nesting past the parser's depth is refused by it, never by the stack.
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  CHECK(read_rdap_domain(deep, record).error().starts_with("not JSON"));
}

TEST_CASE("read_rdap_domain: a thin registry's link to the registrar's record is found") {
  registrar_record record;
  const auto links = read_rdap_domain(R"({"objectClassName": "domain", "links": [
    {"rel": "self", "type": "application/rdap+json", "href": "https://rdap.reg/domain/x.com"},
    {"rel": "related", "type": "text/html", "href": "https://registrar.example/whois"},
    {"rel": "related", "type": "application/rdap+json", "href": "https://registrar.example/entity/1"},
    {"rel": "related", "type": "application/rdap+json",
     "href": "https://rdap.registrar.example/domain/x.com"}]})",
                                      record);
  REQUIRE(links.has_value());
  CHECK(links->related == "https://rdap.registrar.example/domain/x.com");
}

TEST_CASE("fill_missing: the registrar's answer fills only what the registry left out") {
  registrar_record registry;
  registry.registrar = "Registrar Inc.";
  registry.name_servers = {"ns1.example.net"};
  registrar_record registrar;
  registrar.registrar = "Registrar Incorporated";
  registrar.abuse_email = "abuse@registrar.example";
  registrar.name_servers = {"ns9.example.net"};
  registrar.statuses = {"active"};
  fill_missing(registry, registrar);
  CHECK(registry.registrar == "Registrar Inc.");
  CHECK(registry.abuse_email == "abuse@registrar.example");
  CHECK(registry.name_servers == std::vector<std::string>{"ns1.example.net"});
  CHECK(registry.statuses == std::vector<std::string>{"active"});
}

}  // namespace geocrawl
