#include "proxies/geoip.hpp"

#include <maxminddb.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>

#include <boost/asio/ip/tcp.hpp>

namespace geocrawl {

namespace asio = boost::asio;

namespace {

// Where each layout keeps the country, best first: where the network is used (GeoIP2), where
// it is registered (GeoIP2 networks without a located country, e.g. some anycast and
// satellite blocks), and the flat layout of ip-location-db.
constexpr std::array<std::array<const char*, 3>, 3> country_paths = {{
    {"country", "iso_code", nullptr},
    {"registered_country", "iso_code", nullptr},
    {"country_code", nullptr, nullptr},
}};

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Anything but two letters (an empty string, "A1", a number) is not an ISO 3166-1 alpha-2
// code; calling it no country keeps junk out of the evidence.
std::optional<std::string> country_code_in(const MMDB_entry_data_s& data) {
  if (!data.has_data || data.type != MMDB_DATA_TYPE_UTF8_STRING || data.data_size != 2) {
    return std::nullopt;
  }
  std::string code(data.utf8_string, 2);
  for (char& c : code) {
    if (!is_ascii_letter(c)) return std::nullopt;
    if (c >= 'a') c = static_cast<char>(c - 'a' + 'A');
  }
  return code;
}

// The file name too: some databases call themselves nothing more telling than
// "country ipvAll".
std::string build_of(const std::filesystem::path& file, const MMDB_metadata_s& metadata) {
  const auto epoch = static_cast<std::time_t>(metadata.build_epoch);
  std::tm utc{};
  char date[64] = "(no build date)";
  if (gmtime_r(&epoch, &utc) != nullptr) {
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday);
  }
  return file.filename().string() + " (" + metadata.database_type + " " + date + ")";
}

// An IPv4-mapped IPv6 address is an IPv4 address. Databases keep IPv4 under ::/96, and only
// some of them alias ::ffff:0:0/96 to it, so the mapped form would miss in the others.
asio::ip::address unmapped(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address;
}

}  // namespace

struct geoip_database::impl {
  MMDB_s db{};
  std::filesystem::path file;
  std::string build;

  explicit impl(const std::filesystem::path& path) : file(path) {
    const int status = MMDB_open(file.c_str(), MMDB_MODE_MMAP, &db);
    if (status != MMDB_SUCCESS) {
      std::string reason = MMDB_strerror(status);
      if (status == MMDB_FILE_OPEN_ERROR || status == MMDB_IO_ERROR) {
        reason += std::string(" (") + std::strerror(errno) + ")";
      }
      throw geoip_error(file.string() + ": cannot open the GeoIP database: " + reason);
    }
    build = build_of(file, db.metadata);
  }
  ~impl() { MMDB_close(&db); }
  impl(const impl&) = delete;
  impl& operator=(const impl&) = delete;

  [[noreturn]] void fail_lookup(const asio::ip::address& address, int status) const {
    throw geoip_error(file.string() + ": looking up " + address.to_string() + ": " +
                      MMDB_strerror(status));
  }

  // The address's record; nullopt when the database has none for it.
  std::optional<MMDB_entry_s> find(const asio::ip::address& address) const {
    const asio::ip::tcp::endpoint endpoint(unmapped(address), 0);
    int status = MMDB_SUCCESS;
    auto result = MMDB_lookup_sockaddr(&db, endpoint.data(), &status);
    // An IPv4-only database cannot hold an IPv6 address: not found, not a broken file.
    if (status == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR) return std::nullopt;
    if (status != MMDB_SUCCESS) fail_lookup(address, status);
    if (!result.found_entry) return std::nullopt;
    return result.entry;
  }
};

geoip_database::geoip_database(const std::filesystem::path& file)
    : impl_(std::make_unique<impl>(file)) {}
geoip_database::~geoip_database() = default;
geoip_database::geoip_database(geoip_database&&) noexcept = default;
geoip_database& geoip_database::operator=(geoip_database&&) noexcept = default;

std::optional<std::string> geoip_database::country(const asio::ip::address& address) const {
  auto entry = impl_->find(address);
  if (!entry) return std::nullopt;
  for (const auto& path : country_paths) {
    MMDB_entry_data_s data{};
    const int status = MMDB_aget_value(&*entry, &data, path.data());
    // The record is not shaped like this layout (e.g. `country` is a string): try the next.
    if (status == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR) continue;
    if (status != MMDB_SUCCESS) impl_->fail_lookup(address, status);
    if (auto code = country_code_in(data)) return code;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> geoip_database::autonomous_system(
    const asio::ip::address& address) const {
  auto entry = impl_->find(address);
  if (!entry) return std::nullopt;
  MMDB_entry_data_s data{};
  const char* const path[] = {"autonomous_system_number", nullptr};
  const int status = MMDB_aget_value(&*entry, &data, path);
  if (status == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR) return std::nullopt;
  if (status != MMDB_SUCCESS) impl_->fail_lookup(address, status);
  if (!data.has_data) return std::nullopt;
  // GeoLite2-ASN writes a uint32, ip-location-db's writers a uint32 or a uint64; 0 is no AS.
  std::uint64_t number = 0;
  if (data.type == MMDB_DATA_TYPE_UINT16) number = data.uint16;
  if (data.type == MMDB_DATA_TYPE_UINT32) number = data.uint32;
  if (data.type == MMDB_DATA_TYPE_UINT64) number = data.uint64;
  if (number == 0 || number > UINT32_MAX) return std::nullopt;
  return static_cast<std::uint32_t>(number);
}

const std::string& geoip_database::build() const noexcept { return impl_->build; }

const std::filesystem::path& geoip_database::file() const noexcept { return impl_->file; }

std::filesystem::path shipped_geoip_database() {
  return std::filesystem::path(GEOCRAWL_DATA_DIR) / "geoip" / "geo-whois-asn-country.mmdb";
}

}  // namespace geocrawl
