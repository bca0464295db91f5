#include "crawler/browser/browser_process.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "crawler/browser/browser_error.hpp"

namespace geocrawl {
namespace {

namespace fs = std::filesystem;
using std::chrono::steady_clock;

constexpr auto poll_interval = std::chrono::milliseconds(20);
constexpr auto term_grace = std::chrono::seconds(1);
constexpr std::string_view log_file_name = "chromium.log";

// Chromium features that call Google. NetworkTimeServiceQuerying: with a relay, Chromium 156
// asked clients2.google.com for the time through it in 2 of 3 runs, and in none of 4 with this.
// (Outside an initializer list: clang warns of concatenated literals inside one.)
constexpr std::string_view disabled_features =
    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,"
    "NetworkTimeServiceQuerying";

// The browser's command line after the executable. Every choice here is about two things:
// the browser never reaches the network, and it never talks to Google's services.
std::vector<std::string> chromium_flags(const fs::path& profile,
                                        const browser_launch_options& options) {
  // With per-context relays, the browser-wide proxy is the discard port as without a relay,
  // but 127.0.0.1 must resolve: every context's relay is there.
  const bool spares_loopback = options.relay_port || options.context_relays;
  std::vector<std::string> flags = {
      // Chromium 132 removed the old headless mode from the browser binary (it lives on as
      // chrome-headless-shell, which Debian does not ship): --headless is the new mode, the
      // real browser without a window.
      "--headless",
      "--user-data-dir=" + profile.string(),
      // Port 0: Chromium picks a free port and writes it to DevToolsActivePort in the profile,
      // so two browsers (two tests, two reports) never race for one port.
      "--remote-debugging-port=0",
      // No network, in three layers. DevTools Fetch interception fails every request of every
      // page (offline_screenshotter enables it before a document is set), IP literals and
      // loopback included. It does not see the connections Chromium opens ahead of a request
      // (an iframe's navigation reached a loopback listener with interception alone), so
      // underneath no name resolves (the rule covers IP literals too), and every connection
      // goes to a proxy on loopback's discard port, which refuses it, with the implicit
      // loopback bypass removed so http://127.0.0.1/ goes there too rather than direct.
      //
      // A rendered view's browser has a relay instead (crawler/render/loopback_relay), which
      // dials through geocrawl's own connectors; the rule then spares the relay's address, and
      // everything else still resolves nowhere, so no lookup leaks around the relay.
      spares_loopback ? "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
                      : "--host-resolver-rules=MAP * ~NOTFOUND",
      "--proxy-server=http://127.0.0.1:" + std::to_string(options.relay_port.value_or(9)),
      "--proxy-bypass-list=<-loopback>",
      // None of the browser's own traffic: updates, sync, safe browsing, metrics, translation.
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-extensions",
      "--disable-client-side-phishing-detection",
      "--disable-domain-reliability",
      "--disable-breakpad",
      "--no-pings",
      "--metrics-recording-only",
      std::string(disabled_features),
      "--no-first-run",
      "--no-default-browser-check",
      "--password-store=basic",
      // Screenshots draw in software; no GPU process to start or to crash.
      "--disable-gpu",
      "--hide-scrollbars",
      "--mute-audio",
  };
  // Chromium refuses to start as root with its sandbox on (the setuid sandbox cannot drop
  // root's rights); containers and CI run as root. The report's pages render without
  // JavaScript and without network, which is what keeps them harmless; a browser with a relay
  // runs a page's scripts, so outside tests it should not run as root.
  if (::geteuid() == 0) flags.emplace_back("--no-sandbox");
  flags.insert(flags.end(), options.extra_flags.begin(), options.extra_flags.end());
  flags.emplace_back("about:blank");
  return flags;
}

constexpr std::string_view profile_prefix = "geocrawl-chromium-";

// Profiles left by a geocrawl that died without stopping its browser (the browser itself died
// with it, by PR_SET_PDEATHSIG): each profile's name carries its owner's process id, and one
// whose owner is gone is removed. Another user's or a live process's profile is left alone.
void remove_orphaned_profiles(const fs::path& temp) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(temp, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(profile_prefix)) continue;
    const std::string_view rest = std::string_view(name).substr(profile_prefix.size());
    pid_t owner = 0;
    const auto [end, parsed] = std::from_chars(rest.data(), rest.data() + rest.size(), owner);
    if (parsed != std::errc() || end == rest.data() || *end != '-' || owner <= 0) continue;
    if (::kill(owner, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
}

fs::path make_profile_dir() {
  const fs::path temp = fs::temp_directory_path();
  remove_orphaned_profiles(temp);
  std::string pattern =
      (temp / (std::string(profile_prefix) + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
  }
  return pattern;
}

// DevToolsActivePort holds the port on its first line and the browser target's WebSocket path
// on its second; nullopt until both are there.
std::optional<std::pair<unsigned short, std::string>> read_active_port(const fs::path& file) {
  std::ifstream in(file);
  std::string port_line;
  std::string path_line;
  if (!std::getline(in, port_line) || !std::getline(in, path_line)) return std::nullopt;
  unsigned short port = 0;
  const auto [end, ec] =
      std::from_chars(port_line.data(), port_line.data() + port_line.size(), port);
  if (ec != std::errc() || end != port_line.data() + port_line.size() || port == 0 ||
      !path_line.starts_with("/devtools/browser/")) {
    return std::nullopt;
  }
  return std::pair{port, path_line};
}

// Our environment with TMPDIR pointed at `temp`. Chromium keeps its single-instance socket in
// a directory it makes under TMPDIR and removes only when it exits cleanly; a browser that was
// killed (a crash, a restart, a memory limit) left one in /tmp for good. Under the profile it
// goes with the profile.
std::vector<std::string> environment_with_temp(const fs::path& temp) {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (!std::string_view(*entry).starts_with("TMPDIR=")) entries.emplace_back(*entry);
  }
  entries.push_back("TMPDIR=" + temp.string());
  return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& words) {
  std::vector<char*> pointers;
  for (auto& word : words) pointers.push_back(word.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Starts the program in a process group of its own (so stop() reaches the renderers too), with
// stdin from /dev/null, stdout and stderr to `log`, TMPDIR at `temp`, and no other descriptor
// of ours. It gets SIGKILL if the thread that started it dies, so a crashed geocrawl leaves no
// browser behind.
pid_t spawn(const fs::path& executable, const std::vector<std::string>& flags, const fs::path& log,
            const fs::path& temp, int niceness) {
  std::vector<std::string> words = flags;
  words.insert(words.begin(), executable.string());
  std::vector<char*> argv = pointers_to(words);
  std::vector<std::string> environment = environment_with_temp(temp);
  std::vector<char*> envp = pointers_to(environment);
  const std::string log_path = log.string();
  const pid_t parent = ::getpid();

  const pid_t pid = ::fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec: the parent may have other threads.
    ::setpgid(0, 0);
    // Inherited by every process the browser forks; a failure leaves the priority as it was.
    // Chromium raises its own UI and display threads (nice -8) where it may, i.e. as root: the
    // right to (CAP_SYS_NICE) is dropped for the browser and its children, so the nice value
    // holds, at niceness 0 too (geocrawl's own priority, not above it: crawl_bench's
    // crawl_render row saw threads at -8 before). Unprivileged, it cannot go lower anyway
    // (RLIMIT_NICE).
    if (niceness != 0) (void)::nice(niceness);
    ::prctl(PR_CAPBSET_DROP, CAP_SYS_NICE, 0, 0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::close_range(3, ~0U, 0);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

}  // namespace

std::optional<fs::path> find_executable(const std::string& name, std::string_view search_path) {
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) == 0) return fs::path(name);
    return std::nullopt;
  }
  std::istringstream dirs{std::string(search_path)};
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

browser_process::browser_process(pid_t pid, fs::path profile)
    : pid_(pid), profile_(std::move(profile)) {}

browser_process::~browser_process() { stop(); }

bool browser_process::running() {
  if (reaped_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) reaped_ = true;
  return !reaped_;
}

std::string browser_process::log_tail(std::size_t count) const {
  std::ifstream in(profile_ / log_file_name);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    // Chromium looks for a D-Bus session on every start and a headless machine has none: its
    // complaints would crowd out the lines that say why the browser failed.
    if (!line.empty() && line.find(":ERROR:dbus/") == std::string::npos)
      lines.push_back(std::move(line));
  }
  std::string tail;
  const std::size_t first = lines.size() > count ? lines.size() - count : 0;
  for (std::size_t i = first; i < lines.size(); ++i) {
    tail += (tail.empty() ? "" : " | ") + lines[i].substr(0, 300);
  }
  return tail;
}

void browser_process::stop() noexcept {
  if (!reaped_) {
    ::kill(pid_, SIGTERM);
    const auto give_up = steady_clock::now() + term_grace;
    while (running() && steady_clock::now() < give_up) std::this_thread::sleep_for(poll_interval);
  }
  // The whole group, also when the browser itself exited: a renderer may outlive it.
  ::kill(-pid_, SIGKILL);
  if (!reaped_) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
  }
  std::error_code ignored;  // nobody to tell; the directory is in the system temp directory
  fs::remove_all(profile_, ignored);
}

browser_launch_result launch_browser(const browser_launch_options& options) {
  const char* path = std::getenv("PATH");
  const auto executable = find_executable(options.executable, path ? path : "/usr/bin:/bin");
  if (!executable) {
    return {nullptr, browser_errc::unavailable,
            "Chromium not found: no executable \"" + options.executable +
                "\" (install Debian's chromium package, or set the browser path)"};
  }
  const fs::path profile = make_profile_dir();
  std::unique_ptr<browser_process> process;
  try {
    const fs::path temp = profile / "tmp";
    fs::create_directory(temp);
    process.reset(new browser_process(spawn(*executable, chromium_flags(profile, options),
                                            profile / log_file_name, temp, options.niceness),
                                      profile));
  } catch (const std::system_error& error) {
    std::error_code ignored;
    fs::remove_all(profile, ignored);
    return {nullptr, browser_errc::launch_failed, error.what()};
  }

  const auto deadline = steady_clock::now() + options.start_limit;
  while (steady_clock::now() < deadline) {
    if (const auto active = read_active_port(profile / "DevToolsActivePort")) {
      process->devtools_port_ = active->first;
      process->devtools_path_ = active->second;
      return {std::move(process), {}, {}};
    }
    if (!process->running()) {
      return {nullptr, browser_errc::launch_failed,
              executable->string() + " exited at start: " + process->log_tail()};
    }
    std::this_thread::sleep_for(poll_interval);
  }
  return {nullptr, browser_errc::launch_failed,
          executable->string() + " opened no DevTools port within " +
              std::to_string(options.start_limit.count()) + " ms: " + process->log_tail()};
}

}  // namespace geocrawl
