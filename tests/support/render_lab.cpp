#include "tests/support/render_lab.hpp"

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <stdexcept>
#include <thread>

#include <doctest/doctest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>

#include "crawler/http/fetch_environment.hpp"
#include "crawler/view/view_errc.hpp"
#include "proxies/address_policy.hpp"
#include "tests/support/blocking_client.hpp"
#include "tests/support/static_resolver.hpp"

namespace geocrawl::testing {

using namespace std::chrono_literals;

bool chromium_installed() {
  if (std::filesystem::exists(debian_chromium)) return true;
  MESSAGE("skipped: ", debian_chromium, " is not installed (scripts/setup.sh installs it)");
  return false;
}

namespace {

constexpr std::string_view desktop_chrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36";

std::vector<ip_network> networks(const std::vector<std::string>& allow) {
  std::vector<ip_network> parsed;
  for (const auto& text : allow) parsed.push_back(*parse_ip_network(text));
  return parsed;
}

}  // namespace

std::optional<std::uint16_t> browser_devtools_port(pid_t browser) {
  std::ifstream cmdline("/proc/" + std::to_string(browser) + "/cmdline");
  const std::string words((std::istreambuf_iterator<char>(cmdline)), {});
  constexpr std::string_view flag = "--user-data-dir=";
  const auto at = words.find(flag);
  if (at == std::string::npos) return std::nullopt;
  const std::string profile =
      words.substr(at + flag.size(), words.find('\0', at) - at - flag.size());
  std::ifstream active(std::filesystem::path(profile) / "DevToolsActivePort");
  unsigned port = 0;
  if (!(active >> port) || port == 0 || port > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(port);
}

std::optional<int> listed_pages(std::uint16_t devtools_port) {
  try {
    blocking_client client("127.0.0.1", devtools_port, 1s);
    client.write("GET /json/list HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const auto answer = client.read_to_end().bytes;
    const auto body = answer.find("\r\n\r\n");
    if (!answer.starts_with("HTTP/1.1 200") || body == std::string::npos) return std::nullopt;
    const auto targets = boost::json::parse(std::string_view(answer).substr(body + 4));
    int pages = 0;
    for (const auto& target : targets.as_array()) {
      if (target.as_object().at("type") == "page") ++pages;
    }
    return pages;
  } catch (const std::exception&) {
    return std::nullopt;  // not listening, not answering in time, or not a list of targets
  }
}

render_emulation japanese_browser() {
  return {std::string(desktop_chrome), "ja-JP,ja;q=0.9", "ja-JP", "Asia/Tokyo"};
}

render_emulation american_browser() {
  return {std::string(desktop_chrome), "en-US,en;q=0.9", "en-US", "America/New_York"};
}

render_driver_settings quick_render_settings() {
  render_driver_settings settings;
  settings.executable = debian_chromium;
  settings.settle = 600ms;
  settings.timeout = 8s;
  settings.memory_mb = 128;
  settings.browser_memory_mb = 1024;
  settings.max_targets = 3;
  settings.concurrency = 2;
  // At geocrawl's own priority: on a machine busy with builds, a browser at nice 10 gets too
  // little CPU for the tests' time limits. The priority has a test of its own.
  settings.niceness = 0;
  settings.relay.idle_timeout = 3s;
  settings.relay.connect_timeout = 2s;
  return settings;
}

struct render_lab::impl {
  impl(render_driver_settings settings, const std::vector<std::string>& allow)
      : timeout(settings.timeout),
        policy(networks(allow)),
        driver(io, environment, std::move(settings)) {
    thread = std::thread([this] { io.run(); });
  }

  ~impl() {
    work.reset();
    io.stop();
    thread.join();
  }

  std::chrono::milliseconds timeout;
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  static_resolver resolver{{}};
  address_policy policy;
  boost::asio::ssl::context tls{boost::asio::ssl::context::tls_client};
  fetch_environment environment{resolver, policy, tls};
  render_driver driver;
  std::thread thread;
};

render_lab::render_lab(render_driver_settings settings, std::vector<std::string> allow)
    : impl_(std::make_unique<impl>(std::move(settings), allow)) {}

render_lab::~render_lab() = default;

render_driver& render_lab::driver() { return impl_->driver; }

rendered_page render_lab::render(const std::string& url, const render_emulation& emulation,
                                 std::optional<proxy_endpoint> proxy) {
  auto future = boost::asio::co_spawn(
      impl_->io, impl_->driver.render(url, std::move(proxy), emulation), boost::asio::use_future);
  if (future.wait_for(impl_->timeout + 15s) != std::future_status::ready) {
    rendered_page lost;
    lost.error = view_error{make_error_code(view_errc::internal), "the test's wait ran out", false};
    return lost;
  }
  return future.get();
}

}  // namespace geocrawl::testing
