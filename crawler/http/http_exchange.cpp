#include "crawler/http/http_exchange_impl.hpp"

#include <sstream>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/url.hpp>

namespace geocrawl::exchange_detail {

namespace beast = boost::beast;
namespace http = beast::http;

http::request<http::empty_body> make_request(const hop_request& request) {
  // Through an HTTP proxy without a tunnel the request names the whole URL (RFC 9112
  // absolute-form); a fragment is never sent.
  std::string target;
  if (request.form == request_form::absolute) {
    boost::urls::url absolute(request.url);
    absolute.remove_fragment();
    target = absolute.buffer();
  } else {
    target = request.url.encoded_target();
  }
  http::request<http::empty_body> message{http::verb::get, target, 11};
  message.set(http::field::host, request.url.encoded_host_and_port());
  message.set(http::field::user_agent, request.profile.user_agent);
  message.set(http::field::accept, request.profile.accept);
  message.set(http::field::accept_language, request.profile.accept_language);
  message.set(http::field::accept_encoding, request.profile.accept_encoding);
  if (!request.profile.referer.empty()) message.set(http::field::referer, request.profile.referer);
  if (!request.cookie_header.empty()) message.set(http::field::cookie, request.cookie_header);
  if (!request.proxy_authorization.empty())
    message.set(http::field::proxy_authorization, request.proxy_authorization);
  return message;
}

view_error io_error(std::string_view phase, const boost::system::error_code& ec) {
  if (ec == beast::error::timeout)
    return make_view_error(fetch_errc::timeout, std::string(phase) + " timed out");
  return make_view_error(fetch_errc::http, std::string(phase) + " failed: " + ec.message());
}

void take_header(const http::response_header<>& header, hop_response& response) {
  response.status = static_cast<int>(header.result_int());
  for (const auto& field : header) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    switch (field.name()) {
      case http::field::set_cookie:
        response.set_cookies.emplace_back(field.value());
        break;
      case http::field::location:
        response.location = field.value();
        break;
      case http::field::content_type:
        response.content_type = field.value();
        break;
      case http::field::content_encoding:
        response.content_encoding = field.value();
        break;
      default:
        break;
    }
  }
}

std::string three_digits(unsigned status) {
  auto digits = std::to_string(status);
  digits.insert(0, 3 - std::min<std::size_t>(digits.size(), 3), '0');
  return digits;
}

std::string request_as_sent(const http::request<http::empty_body>& outgoing) {
  auto shown = outgoing;
  shown.erase(http::field::proxy_authorization);
  std::ostringstream text;
  text << shown;
  return std::move(text).str();
}

void mark_truncated(hop_response& response, std::string reason) {
  response.truncated = true;
  response.truncated_reason = std::move(reason);
}

std::uint64_t chunk_framing_bytes(std::uint64_t size, std::size_t extensions_bytes) {
  std::uint64_t hex_digits = 1;
  for (auto rest = size >> 4; rest != 0; rest >>= 4) ++hex_digits;
  return hex_digits + extensions_bytes + 4;
}

}  // namespace geocrawl::exchange_detail
