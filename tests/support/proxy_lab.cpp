#include "tests/support/proxy_lab.hpp"

#include <arpa/inet.h>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <boost/url/url.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/loopback_ports.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl::testing {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::string_view listen_address = "127.0.0.1";
constexpr auto startup_limit = 5s;
constexpr auto listen_poll_interval = 20ms;
// Between free_loopback_port and the proxy's bind another process may take the port; a few
// fresh ports make that a non-issue.
constexpr int start_attempts = 3;
constexpr std::size_t log_tail_bytes = 3000;

// What the lab runs for each kind, and where to get it.
struct program {
  std::string_view name;
  std::string_view package;
};

program program_of(proxy_kind kind) {
  switch (kind) {
    case proxy_kind::microsocks:
      return {"microsocks", "microsocks"};
    case proxy_kind::tinyproxy:
      return {"tinyproxy", "tinyproxy"};
    case proxy_kind::dante:
      return {"danted", "dante-server"};
  }
  throw std::invalid_argument("proxy_lab: unknown proxy kind");
}

// PATH, then the sbin directories: danted lives in /usr/sbin, which an ordinary user's PATH
// lacks on Debian.
std::optional<fs::path> find_program(std::string_view name) {
  const char* path_variable = std::getenv("PATH");
  std::string directories = path_variable != nullptr ? path_variable : "";
  directories += ":/usr/local/sbin:/usr/sbin:/sbin";
  std::istringstream entries(directories);
  for (std::string directory; std::getline(entries, directory, ':');) {
    if (directory.empty()) continue;
    const fs::path candidate = fs::path(directory) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// The account tinyproxy and danted switch to when started as root, as their packaged services
// do; nullopt when the test runs unprivileged and they simply stay who they are.
struct account {
  std::string user;
  std::string group;
  uid_t uid;
  gid_t gid;
};

std::optional<account> unprivileged_account() {
  if (::geteuid() != 0) return std::nullopt;
  const passwd* user = ::getpwnam("nobody");
  const group* user_group = user != nullptr ? ::getgrgid(user->pw_gid) : nullptr;
  if (user_group == nullptr) {
    throw std::runtime_error(
        "proxy_lab: running as root, but there is no user 'nobody' with a "
        "group for the proxies to drop privileges to");
  }
  return account{user->pw_name, user_group->gr_name, user->pw_uid, user->pw_gid};
}

bool is_ipv4_address(const std::string& text) {
  in_addr ignored{};
  return ::inet_pton(AF_INET, text.c_str(), &ignored) == 1;
}

// tinyproxy's config grammar reads BasicAuth as two words of these characters.
bool fits_tinyproxy_basic_auth(std::string_view word) {
  return !word.empty() && std::ranges::all_of(word, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
  });
}

void check_options(const proxy_lab_options& options) {
  if (!options.outgoing_address.empty() && !is_ipv4_address(options.outgoing_address)) {
    throw std::invalid_argument("proxy_lab: outgoing_address must be an IPv4 address");
  }
  if (!options.credentials) return;
  if (options.kind == proxy_kind::dante) {
    throw std::invalid_argument(
        "proxy_lab: dante runs without authentication: its username method checks the "
        "system's accounts");
  }
  if (options.kind == proxy_kind::tinyproxy &&
      !(fits_tinyproxy_basic_auth(options.credentials->username) &&
        fits_tinyproxy_basic_auth(options.credentials->password))) {
    throw std::invalid_argument(
        "proxy_lab: tinyproxy's BasicAuth takes only letters, digits, '-', '.' and '_'");
  }
}

void write_file(const fs::path& file, const std::string& contents) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << contents;
  out.close();
  if (!out) throw std::runtime_error("proxy_lab: cannot write " + file.string());
}

std::string read_tail(const fs::path& file, std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return text.size() > max_bytes ? "..." + text.substr(text.size() - max_bytes) : text;
}

// The text with every occurrence of the secret replaced by ***.
std::string redacted(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  constexpr std::string_view mask = "***";
  for (auto at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + mask.size())) {
    text.replace(at, secret.size(), mask);
  }
  return text;
}

}  // namespace

struct proxy_lab::impl {
  explicit impl(proxy_lab_options options);

  // Writes the kind's configuration for port_ and returns the command that starts it.
  std::vector<std::string> launch_words(const fs::path& binary) const;
  std::vector<std::string> microsocks_words(const fs::path& binary) const;
  std::vector<std::string> tinyproxy_words(const fs::path& binary) const;
  std::vector<std::string> dante_words(const fs::path& binary) const;

  enum class startup { listening, port_taken, exited, timed_out };
  startup wait_until_listening();
  std::string failure(const std::string& what) const;
  std::string log_tail() const;

  fs::path output_log() const { return dir_.path() / "output.log"; }
  fs::path own_log() const { return dir_.path() / (std::string(program_.name) + ".log"); }

  const proxy_lab_options options_;
  const program program_;
  const std::optional<account> account_ = unprivileged_account();
  temp_dir dir_;  // declared before child_: the proxy stops before its files go
  std::uint16_t port_ = 0;
  std::optional<child_process> child_;
};

proxy_lab::impl::impl(proxy_lab_options options)
    : options_(std::move(options)), program_(program_of(options_.kind)) {
  check_options(options_);
  const std::optional<fs::path> binary = find_program(program_.name);
  if (!binary) {
    throw std::runtime_error("proxy_lab: cannot find " + std::string(program_.name) +
                             " (Debian package " + std::string(program_.package) +
                             ") in PATH or the sbin directories: run scripts/setup.sh");
  }
  // Once they drop privileges the proxies still write their logs and pid files here.
  if (account_ && ::chown(dir_.path().c_str(), account_->uid, account_->gid) != 0) {
    throw std::system_error(errno, std::generic_category(), "proxy_lab: chown temp directory");
  }

  for (int attempt = 1;; ++attempt) {
    port_ = free_loopback_port();
    fs::remove(output_log());
    fs::remove(own_log());
    child_.emplace(launch_words(*binary), output_log().string(), output_log().string());
    const startup outcome = wait_until_listening();
    if (outcome == startup::listening) return;

    const int exit_code = child_->stop();
    if (outcome != startup::timed_out && attempt < start_attempts) continue;
    throw std::runtime_error(
        failure(outcome == startup::port_taken ? "found its port taken by another program"
                : outcome == startup::exited
                    ? "exited with code " + std::to_string(exit_code) + " before listening"
                    : "did not listen within " + std::to_string(startup_limit.count()) + " s"));
  }
}

std::vector<std::string> proxy_lab::impl::launch_words(const fs::path& binary) const {
  switch (options_.kind) {
    case proxy_kind::microsocks:
      return microsocks_words(binary);
    case proxy_kind::tinyproxy:
      return tinyproxy_words(binary);
    case proxy_kind::dante:
      return dante_words(binary);
  }
  throw std::invalid_argument("proxy_lab: unknown proxy kind");
}

// microsocks has no config file. The password goes on its command line, visible in `ps`: fine
// for a throwaway test secret, and the only way microsocks takes one. Its -1 (authenticate an
// address once, then let it in without) is left off: every connection must authenticate.
std::vector<std::string> proxy_lab::impl::microsocks_words(const fs::path& binary) const {
  std::vector<std::string> words = {binary.string(), "-i", std::string(listen_address), "-p",
                                    std::to_string(port_)};
  if (options_.credentials) {
    words.insert(words.end(),
                 {"-u", options_.credentials->username, "-P", options_.credentials->password});
  }
  if (!options_.outgoing_address.empty()) {
    words.insert(words.end(), {"-b", options_.outgoing_address});
  }
  return words;
}

// No ConnectPort line unless connect_ports says: tinyproxy 1.11 then allows CONNECT to every port,
// and test origins listen on random ones. Via headers stay on, as users meet them; the fixed
// ViaProxyName keeps the machine's host name out of what origins see.
std::vector<std::string> proxy_lab::impl::tinyproxy_words(const fs::path& binary) const {
  std::ostringstream config;
  config << "# Written by geocrawl's proxy_lab for one test; see tests/interop/README.md.\n"
         << "Port " << port_ << "\n"
         << "Listen " << listen_address << "\n"
         << "Allow 127.0.0.0/8\n"
         << "Timeout 30\n"
         << "MaxClients 64\n"
         << "ViaProxyName \"geocrawl-lab\"\n"
         << "LogLevel Info\n"
         << "LogFile \"" << own_log().string() << "\"\n"
         << "PidFile \"" << (dir_.path() / "tinyproxy.pid").string() << "\"\n";
  if (!options_.outgoing_address.empty()) config << "Bind " << options_.outgoing_address << "\n";
  for (const auto port : options_.connect_ports) config << "ConnectPort " << port << "\n";
  if (options_.credentials) {
    config << "BasicAuth " << options_.credentials->username << " "
           << options_.credentials->password << "\n";
  }
  if (account_) config << "User " << account_->user << "\nGroup " << account_->group << "\n";
  const fs::path config_file = dir_.path() / "tinyproxy.conf";
  write_file(config_file, config.str());
  // -d keeps it in the foreground, so it stays our child and its group's leader.
  return {binary.string(), "-d", "-c", config_file.string()};
}

// Only loopback targets are allowed, like everything the tests contact. danted needs an
// external address; 127.0.0.1 is the one the kernel would choose for loopback targets anyway.
std::vector<std::string> proxy_lab::impl::dante_words(const fs::path& binary) const {
  const std::string external =
      options_.outgoing_address.empty() ? std::string(listen_address) : options_.outgoing_address;
  std::ostringstream config;
  config << "# Written by geocrawl's proxy_lab for one test; see tests/interop/README.md.\n"
         << "logoutput: " << own_log().string() << "\n"
         << "internal: " << listen_address << " port = " << port_ << "\n"
         << "external: " << external << "\n"
         << "clientmethod: none\n"
         << "socksmethod: none\n";
  if (account_) {
    config << "user.privileged: root\n"
           << "user.unprivileged: " << account_->user << "\n";
  }
  config << "client pass {\n  from: 127.0.0.0/8 to: 127.0.0.0/8\n  log: error\n}\n"
         << "socks pass {\n  from: 127.0.0.0/8 to: 127.0.0.0/8\n  log: error connect\n}\n";
  const fs::path config_file = dir_.path() / "danted.conf";
  write_file(config_file, config.str());
  // Without -D danted stays in the foreground. -p keeps its pid file out of /var/run, where a
  // packaged danted service keeps its own.
  return {binary.string(), "-f", config_file.string(), "-p", (dir_.path() / "danted.pid").string()};
}

proxy_lab::impl::startup proxy_lab::impl::wait_until_listening() {
  const auto deadline = std::chrono::steady_clock::now() + startup_limit;
  for (;;) {
    if (child_->wait_for(0ms)) return startup::exited;
    switch (listener_on(port_, child_->pid())) {
      case port_listener::process:
        return startup::listening;
      case port_listener::another_process:
        return startup::port_taken;
      case port_listener::none:
        break;
    }
    if (std::chrono::steady_clock::now() >= deadline) return startup::timed_out;
    std::this_thread::sleep_for(listen_poll_interval);
  }
}

std::string proxy_lab::impl::failure(const std::string& what) const {
  return "proxy_lab: " + std::string(program_.name) + " " + what + " on " +
         std::string(listen_address) + ":" + std::to_string(port_) +
         "; run scripts/setup.sh if it is not installed properly. Its log ends:\n" + log_tail();
}

std::string proxy_lab::impl::log_tail() const {
  std::string tail;
  for (const fs::path& log : {output_log(), own_log()}) {
    const std::string text = read_tail(log, log_tail_bytes);
    if (text.empty()) continue;
    tail += "--- " + log.filename().string() + " ---\n" + text;
    if (!text.ends_with('\n')) tail += '\n';
  }
  if (tail.empty()) return "(nothing)\n";
  return options_.credentials ? redacted(std::move(tail), options_.credentials->password) : tail;
}

proxy_lab::proxy_lab(proxy_lab_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {}

proxy_lab::~proxy_lab() = default;

std::uint16_t proxy_lab::port() const noexcept { return impl_->port_; }

proxy_scheme proxy_lab::scheme() const noexcept {
  return impl_->options_.kind == proxy_kind::tinyproxy ? proxy_scheme::http : proxy_scheme::socks5h;
}

std::string proxy_lab::url() const { return url(scheme()); }

std::string proxy_lab::url(proxy_scheme scheme) const {
  const bool socks = impl_->options_.kind != proxy_kind::tinyproxy;
  boost::urls::url result;
  if (socks && scheme == proxy_scheme::socks5) {
    result.set_scheme("socks5");
  } else if (socks && scheme == proxy_scheme::socks5h) {
    result.set_scheme("socks5h");
  } else if (!socks && scheme == proxy_scheme::http) {
    result.set_scheme("http");
  } else {
    throw std::invalid_argument("proxy_lab: " + std::string(impl_->program_.name) +
                                " does not speak that proxy scheme");
  }
  if (const auto& credentials = impl_->options_.credentials) {
    result.set_user(credentials->username);
    result.set_password(credentials->password);
  }
  result.set_host(listen_address);
  result.set_port_number(impl_->port_);
  return std::string(result.buffer());
}

std::string proxy_lab::log_tail() const { return impl_->log_tail(); }

}  // namespace geocrawl::testing
