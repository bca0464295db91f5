#include "proxies/proxy_session.hpp"

#include <random>

namespace geocrawl {

bool valid_session_template(std::string_view user_template) {
  const auto first = user_template.find(session_placeholder);
  return first != std::string_view::npos &&
         user_template.find(session_placeholder, first + 1) == std::string_view::npos;
}

std::string new_session_token() {
  // One generator per thread, seeded once: tokens are made on the network thread of a crawl
  // and on the thread of a fetch.
  thread_local std::mt19937_64 random{std::random_device{}()};
  constexpr std::string_view digits = "0123456789abcdef";
  std::string token(16, '0');
  auto bits = random();
  for (auto& digit : token) {
    digit = digits[bits & 0xf];
    bits >>= 4;
  }
  return token;
}

pooled_proxy in_session(pooled_proxy member, std::string_view token) {
  if (member.session.empty()) return member;
  auto user = member.session;
  user.replace(user.find(session_placeholder), session_placeholder.size(), token);
  // A URL without credentials gets the user name alone (an empty password).
  if (!member.endpoint.credentials) member.endpoint.credentials.emplace();
  member.endpoint.credentials->username = std::move(user);
  member.session.clear();
  return member;
}

}  // namespace geocrawl
