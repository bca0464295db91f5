#include "crawler/rdap/rdap_bootstrap.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "crawler/config/config_error.hpp"
#include "parsers/ascii.hpp"

namespace geocrawl {

namespace {

// https when the entry lists one; a bare http server is used only when that is all there is.
std::optional<std::string> preferred_url(const boost::json::array& urls) {
  std::optional<std::string> chosen;
  for (const auto& url : urls) {
    if (!url.is_string()) continue;
    std::string text(url.get_string());
    if (text.empty()) continue;
    if (text.back() != '/') text += '/';
    const bool https = ascii_lowercase(text).starts_with("https://");
    if (https) return text;
    if (!chosen && ascii_lowercase(text).starts_with("http://")) chosen = std::move(text);
  }
  return chosen;
}

}  // namespace

boost::system::result<rdap_bootstrap, std::string> rdap_bootstrap::parse(std::string_view json) {
  boost::system::error_code error;
  const auto document = boost::json::parse(json, error);
  if (error) return "not JSON: " + error.message();
  const auto* top = document.if_object();
  const auto* services = top ? top->if_contains("services") : nullptr;
  if (!services || !services->is_array()) return std::string("no \"services\" array");
  rdap_bootstrap bootstrap;
  if (const auto* publication = top->if_contains("publication");
      publication && publication->is_string()) {
    bootstrap.publication_ = publication->get_string();
  }
  for (const auto& service : services->get_array()) {
    const auto* pair = service.if_array();
    if (!pair || pair->size() < 2 || !(*pair)[0].is_array() || !(*pair)[1].is_array())
      return std::string("a service is not [[entries], [URLs]]");
    const auto base = preferred_url((*pair)[1].get_array());
    if (!base) continue;
    for (const auto& entry : (*pair)[0].get_array()) {
      if (entry.is_string())
        bootstrap.base_by_entry_.emplace(ascii_lowercase(entry.get_string()), *base);
    }
  }
  return bootstrap;
}

std::optional<std::string> rdap_bootstrap::base_url_for(std::string_view domain) const {
  std::string name = ascii_lowercase(domain);
  if (!name.empty() && name.back() == '.') name.pop_back();
  // Longest suffix first: the whole name, then without its first label, and so on.
  std::string_view rest = name;
  while (!rest.empty()) {
    if (const auto found = base_by_entry_.find(std::string(rest)); found != base_by_entry_.end())
      return found->second;
    const auto dot = rest.find('.');
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return std::nullopt;
}

rdap_bootstrap load_rdap_bootstrap(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open the RDAP bootstrap file");
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = rdap_bootstrap::parse(text.str());
  if (!parsed) throw std::runtime_error(file.string() + ": " + parsed.error());
  return std::move(*parsed);
}

std::filesystem::path shipped_rdap_bootstrap() {
  return std::filesystem::path(GEOCRAWL_DATA_DIR) / "rdap" / "dns.json";
}

rdap_bootstrap configured_rdap_bootstrap(const std::string& configured_file) {
  try {
    return load_rdap_bootstrap(configured_file.empty() ? shipped_rdap_bootstrap()
                                                       : std::filesystem::path(configured_file));
  } catch (const std::runtime_error& error) {
    throw config_error(std::string("rdap.bootstrap: ") + error.what());
  }
}

}  // namespace geocrawl
