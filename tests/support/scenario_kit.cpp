#include "tests/support/scenario_kit.hpp"

#include "tests/support/legacy_encoding.hpp"
#include "tests/support/test_geoip.hpp"

namespace geocrawl::testing {

bool from_japan(const received_request& request) {
  return jp_in_test_country(request.peer_address);
}

bool is_googlebot(const received_request& request) {
  return request.header("User-Agent").find("Googlebot") != std::string::npos;
}

bool from_google_japan(const received_request& request) {
  return request.header("Referer").starts_with("https://www.google.co.jp/");
}

bool reads_japanese(const received_request& request) {
  return request.header("Accept-Language").starts_with("ja");
}

std::string_view subpath(const received_request& request) {
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  const auto root_end = path.find('/', 1);
  return root_end == std::string_view::npos ? std::string_view() : path.substr(root_end + 1);
}

response_script page(std::string body, std::string content_type) {
  return http_response(200, {{"Content-Type", std::move(content_type)}}, std::move(body));
}

response_script page_with_status(int status, std::string body) {
  return http_response(status, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body));
}

response_script redirect(int status, const std::string& location) {
  return http_response(status,
                       {{"Location", location}, {"Content-Type", "text/html; charset=utf-8"}},
                       "<html><head><title>Moved</title></head><body><a href=\"" + location +
                           "\">Moved here</a></body></html>\n");
}

std::string as_shift_jis(std::string_view utf8) { return encode_as(utf8, "windows-31j"); }

std::string as_euc_jp(std::string_view utf8) { return encode_as(utf8, "EUC-JP"); }

}  // namespace geocrawl::testing
