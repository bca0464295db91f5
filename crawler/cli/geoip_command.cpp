#include "crawler/cli/geoip_command.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "crawler/cli/json_output.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/config/config.hpp"
#include "crawler/vantage/geoip_databases.hpp"
#include "proxies/geoip.hpp"

namespace geocrawl {

namespace {

geoip_databases chosen_databases(const geoip_command_options& options) {
  if (options.geoip_db) return {open_geoip_database(*options.geoip_db, "--geoip-db"), std::nullopt};
  return open_geoip_databases(options.config_file ? load_config(*options.config_file)
                                                  : default_config());
}

std::vector<boost::asio::ip::address> parse_addresses(const std::vector<std::string>& texts) {
  std::vector<boost::asio::ip::address> addresses;
  for (const auto& text : texts) {
    boost::system::error_code error;
    addresses.push_back(boost::asio::ip::make_address(text, error));
    if (error) throw usage_error("IP: " + text + " is not an IP address");
  }
  return addresses;
}

struct lookup_answer {
  std::string ip;
  std::optional<std::string> country;
  std::optional<std::string> second_country;  // unset without a second database
};

std::string_view text_of(const std::optional<std::string>& country) {
  return country ? std::string_view(*country) : "-";
}

boost::json::value json_of(const std::optional<std::string>& country) {
  if (!country) return nullptr;
  return boost::json::string(*country);
}

void print_text(std::ostream& out, const std::vector<lookup_answer>& answers,
                const geoip_database& first, const geoip_database* second) {
  for (const auto& answer : answers) {
    out << answer.ip << "  " << text_of(answer.country) << "  " << first.build();
    if (second != nullptr) {
      out << "  " << text_of(answer.second_country) << "  " << second->build();
      if (answer.country != answer.second_country) out << "  MISMATCH";
    }
    out << "\n";
  }
}

void print_json(std::ostream& out, const std::vector<lookup_answer>& answers,
                const geoip_database& first, const geoip_database* second) {
  boost::json::array entries;
  for (const auto& answer : answers) {
    boost::json::object entry{
        {"ip", answer.ip}, {"country", json_of(answer.country)}, {"database", first.build()}};
    if (second != nullptr) {
      entry["second_country"] = json_of(answer.second_country);
      entry["second_database"] = second->build();
    }
    entries.push_back(std::move(entry));
  }
  out << json_output(boost::json::object{{"addresses", std::move(entries)}}) << "\n";
}

}  // namespace

int run_geoip_command(const geoip_command_options& options, std::ostream& out) {
  if (options.config_file && options.geoip_db) {
    throw usage_error(
        "--geoip-db and --config: give one (--geoip-db replaces the config's [geoip])");
  }
  const auto addresses = parse_addresses(options.addresses);
  const auto databases = chosen_databases(options);
  const auto& first = databases.first;
  const auto* second = databases.second_or_null();

  // Every lookup before any output, so a corrupt database prints an error, not half a report.
  std::vector<lookup_answer> answers;
  for (const auto& address : addresses) {
    answers.push_back({.ip = address.to_string(), .country = first.country(address)});
    if (second) answers.back().second_country = second->country(address);
  }
  if (options.json) {
    print_json(out, answers, first, second);
  } else {
    print_text(out, answers, first, second);
  }
  return 0;
}

}  // namespace geocrawl
