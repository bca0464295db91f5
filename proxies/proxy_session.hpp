#pragma once
// Session-style proxies. Commercial residential and mobile proxies choose the exit by the user
// name: a session id in it keeps one exit ("sticky") for some minutes, a new id gets another.
// `[[proxy]] session` is that user name as a template whose {session} geocrawl fills with a token
// of its own, one per site, so a site's views and its exit checks share one exit. The token is
// part of the credentials: like them it is never printed, logged or stored.
#include <string>
#include <string_view>

#include "proxies/proxy_pool.hpp"

namespace geocrawl {

inline constexpr std::string_view session_placeholder = "{session}";

// Whether `user_template` holds {session} exactly once: what a session template must.
bool valid_session_template(std::string_view user_template);

// 16 random lower-case hex digits: letters and digits only, which every provider's user name
// syntax takes, and enough that two sites never share a session.
std::string new_session_token();

// The member with its user name made from its session template and `token`, and the template
// cleared: it is in a session now, so checking it again keeps that session. A member without a
// template is returned as it is. The URL's password is kept; its user name is replaced.
pooled_proxy in_session(pooled_proxy member, std::string_view token);

}  // namespace geocrawl
