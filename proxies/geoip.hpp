#pragma once
// Country of an IP address from a MaxMind DB file (libmaxminddb). Reads the layouts
// geocrawl meets: GeoIP2/GeoLite2 Country and City (country.iso_code, falling back to
// registered_country.iso_code) and the flat {country_code} layout of the public
// ip-location-db databases; and the autonomous system from an ASN database in the layout
// GeoLite2-ASN and ip-location-db's asn databases share (autonomous_system_number). IPv4 and
// IPv6; an IPv4 address is looked up in an IPv6 database the way libmaxminddb maps it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <boost/asio/ip/address.hpp>

namespace geocrawl {

class geoip_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class geoip_database {
 public:
  // Opens and memory-maps the file. Throws geoip_error naming the file and what is
  // wrong (missing, not a MaxMind DB, corrupt).
  explicit geoip_database(const std::filesystem::path& file);
  ~geoip_database();
  geoip_database(geoip_database&&) noexcept;
  geoip_database& operator=(geoip_database&&) noexcept;

  // ISO 3166-1 alpha-2 in upper case ("JP"); nullopt when the address is not in the
  // database or its record has no country. Throws geoip_error when the file is corrupt.
  // Thread-safe: lookups only read the memory-mapped file.
  std::optional<std::string> country(const boost::asio::ip::address& address) const;

  // The autonomous system number of an ASN database's record (13335); nullopt when the
  // address is not in it or its record has no number. Throws geoip_error like country.
  std::optional<std::uint32_t> autonomous_system(const boost::asio::ip::address& address) const;

  // Which build answered, for the evidence record: the file name, and the database_type and
  // UTC build date from its metadata: "GeoIP2-Country.mmdb (GeoIP2-Country 2024-06-17)";
  // the shipped database is "geo-whois-asn-country.mmdb (country ipvAll 2026-06-17)".
  const std::string& build() const noexcept;
  const std::filesystem::path& file() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// The country database geocrawl ships (scripts/setup.sh puts it under data/geoip/).
std::filesystem::path shipped_geoip_database();

}  // namespace geocrawl
