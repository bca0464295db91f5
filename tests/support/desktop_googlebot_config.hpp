// A config of two direct vantages that tell the cloaking origins of the CLI tests apart by user
// agent: a desktop browser (the baseline) and Googlebot. Loopback targets allowed.
#pragma once

namespace geocrawl::testing {

inline constexpr const char* desktop_googlebot_config = R"(
[limits]
timeout_s = 5
allow_networks = ["127.0.0.0/8"]

[[vantage]]
name = "desktop"
baseline = true

[[vantage]]
name = "googlebot"
user_agent = "Googlebot/2.1"
)";

}  // namespace geocrawl::testing
