// The report's screenshots with the real Chromium from Debian: a PNG at the fixed width and
// capped height, no script run and no request made by a hostile stored body, one browser for
// many pages, a clear error without a browser, a new browser after a crash. Skipped with a
// message where /usr/bin/chromium is not installed. Only 127.0.0.1 is contacted.
#include "crawler/browser/offline_screenshotter.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <doctest/doctest.h>

#include "crawler/browser/browser_error.hpp"

namespace geocrawl {
namespace {

constexpr const char* debian_chromium = "/usr/bin/chromium";

bool chromium_installed() {
  if (std::filesystem::exists(debian_chromium)) return true;
  MESSAGE("skipped: ", debian_chromium, " is not installed (scripts/setup.sh installs it)");
  return false;
}

screenshot_settings test_settings() {
  screenshot_settings settings;
  settings.browser = debian_chromium;
  return settings;
}

struct png_size {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

std::uint32_t big_endian_at(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// The size in the PNG's IHDR chunk, which the PNG signature and the chunk's name must precede.
png_size size_of_png(const std::string& png) {
  REQUIRE(png.size() > 24);
  REQUIRE(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n"));
  REQUIRE(png.substr(12, 4) == "IHDR");
  return {big_endian_at(png, 16), big_endian_at(png, 20)};
}

// A listening socket on 127.0.0.1 that only counts: whether anyone connected, after a
// bounded wait.
class idle_listener {
 public:
  idle_listener() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(fd_ >= 0);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) == 0);
    REQUIRE(::listen(fd_, 16) == 0);
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~idle_listener() { ::close(fd_); }
  idle_listener(const idle_listener&) = delete;
  idle_listener& operator=(const idle_listener&) = delete;

  unsigned short port() const noexcept { return port_; }

  // Whether a connection is waiting to be accepted within `limit`.
  bool connected_within(std::chrono::milliseconds limit) const {
    pollfd waiting{fd_, POLLIN, 0};
    return ::poll(&waiting, 1, static_cast<int>(limit.count())) > 0;
  }

 private:
  int fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  unsigned short port_ = 0;
};

// A screenshot and how long it took, for the message that reports the time per page.
screenshot_result timed_screenshot(offline_screenshotter& screenshotter, const std::string& body,
                                   std::string_view content_type, const std::string& what) {
  const auto start = std::chrono::steady_clock::now();
  screenshot_result result = screenshotter.screenshot(body, content_type);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  MESSAGE(what, ": ", took.count(), " ms, ", result.png.size(), " PNG bytes");
  INFO(short_code(result.error), ": ", result.reason);
  CHECK(result.ok());
  return result;
}

TEST_CASE("one browser draws stored bodies at the fixed width, offline and without scripts") {
  REQUIRE_MESSAGE(chromium_installed(),
                  "Debian's chromium is needed: scripts/setup.sh installs it");
  const screenshot_settings settings = test_settings();
  offline_screenshotter screenshotter(settings);
  idle_listener listener;
  const std::string loopback = "http://127.0.0.1:" + std::to_string(listener.port());

  const auto plain = timed_screenshot(
      screenshotter, "<!DOCTYPE html><title>t</title><h1>Sildenafil</h1><p>no prescription</p>",
      "text/html; charset=utf-8", "small page (with the browser's start)");
  const auto first_pid = screenshotter.browser_pid();
  REQUIRE(first_pid.has_value());
  const png_size small = size_of_png(plain.png);
  CHECK(small.width == static_cast<std::uint32_t>(settings.width));
  CHECK(small.height >= 1);
  CHECK(small.height <= static_cast<std::uint32_t>(settings.max_height));

  // Were the script run, the page would be 3000 px high; were anything fetched, the listener
  // would see a connection.
  const std::string hostile = "<!DOCTYPE html><link rel=stylesheet href=\"" + loopback +
                              "/s.css\"><body><p>shop</p><img src=\"" + loopback +
                              "/x.png\"><iframe src=\"" + loopback +
                              "/frame\"></iframe><script>document.body.style.height='3000px';"
                              "document.body.innerHTML='RAN';new Image().src='" +
                              loopback + "/js.png'</script></body>";
  const auto scripted = timed_screenshot(screenshotter, hostile, "text/html", "hostile page");
  CHECK(size_of_png(scripted.png).height < 3000);
  CHECK_FALSE(listener.connected_within(std::chrono::milliseconds(500)));
  CHECK(screenshotter.browser_pid() == first_pid);

  const std::string huge = "<!DOCTYPE html><div style=\"height:20000px\">tall</div>";
  const auto tall = timed_screenshot(screenshotter, huge, "text/html", "20000 px page");
  const png_size capped = size_of_png(tall.png);
  CHECK(capped.width == static_cast<std::uint32_t>(settings.width));
  CHECK(capped.height == static_cast<std::uint32_t>(settings.max_height));
  CHECK(screenshotter.browser_pid() == first_pid);

  const auto text = timed_screenshot(screenshotter, "<b>not markup</b>\nline two",
                                     "text/plain; charset=utf-8", "plain text");
  CHECK(size_of_png(text.png).width == static_cast<std::uint32_t>(settings.width));
  CHECK(screenshotter.browser_pid() == first_pid);

  const auto image = screenshotter.screenshot("\x89PNG", "image/png");
  CHECK(image.error == browser_errc::unsupported_content);
  CHECK(image.png.empty());
}

TEST_CASE("a browser path that does not exist: browser_unavailable naming it, every time") {
  screenshot_settings settings;
  settings.browser = "/nonexistent/geocrawl-test/chromium";
  offline_screenshotter screenshotter(settings);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto result = screenshotter.screenshot("<p>x</p>", "text/html");
    CHECK(result.error == browser_errc::unavailable);
    CHECK(short_code(result.error) == "browser_unavailable");
    CHECK(result.reason.find(settings.browser) != std::string::npos);
    CHECK(result.png.empty());
    CHECK_FALSE(screenshotter.browser_pid().has_value());
  }
}

// The process id of a child that has exited and been reaped: nobody's, for now.
pid_t exited_process() {
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  return child;
}

TEST_CASE("a browser killed mid-run fails that screenshot, the next starts a new browser") {
  REQUIRE_MESSAGE(chromium_installed(),
                  "Debian's chromium is needed: scripts/setup.sh installs it");
  // Profiles a geocrawl that died left behind go at the next launch; a live owner's stay.
  const auto temp = std::filesystem::temp_directory_path();
  const auto orphan = temp / ("geocrawl-chromium-" + std::to_string(exited_process()) + "-test");
  const auto owned = temp / ("geocrawl-chromium-" + std::to_string(::getpid()) + "-test");
  std::filesystem::create_directories(orphan / "Default");
  std::filesystem::create_directories(owned);

  offline_screenshotter screenshotter(test_settings());
  REQUIRE(screenshotter.screenshot("<p>before</p>", "text/html").ok());
  CHECK_FALSE(std::filesystem::exists(orphan));
  CHECK(std::filesystem::exists(owned));
  std::filesystem::remove_all(owned);
  const auto killed = screenshotter.browser_pid();
  REQUIRE(killed.has_value());
  REQUIRE(::kill(*killed, SIGKILL) == 0);

  const auto during = screenshotter.screenshot("<p>during</p>", "text/html");
  CHECK(during.error == browser_errc::crashed);
  CHECK_FALSE(during.reason.empty());
  CHECK_FALSE(screenshotter.browser_pid().has_value());

  const auto after = screenshotter.screenshot("<p>after</p>", "text/html");
  INFO(short_code(after.error), ": ", after.reason);
  CHECK(after.ok());
  REQUIRE(screenshotter.browser_pid().has_value());
  CHECK(screenshotter.browser_pid() != killed);
}

// TMPDIR pointed at a fresh directory for as long as it lives; the old value back after.
class temporary_tmpdir {
 public:
  temporary_tmpdir() {
    const char* old = std::getenv("TMPDIR");
    if (old != nullptr) old_ = old;
    std::string pattern =
        (std::filesystem::temp_directory_path() / "geocrawl-tmpdir-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
    REQUIRE(::setenv("TMPDIR", path_.c_str(), 1) == 0);
  }
  ~temporary_tmpdir() {
    if (old_) {
      ::setenv("TMPDIR", old_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temporary_tmpdir(const temporary_tmpdir&) = delete;
  temporary_tmpdir& operator=(const temporary_tmpdir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::optional<std::string> old_;
  std::filesystem::path path_;
};

TEST_CASE("a killed browser leaves nothing in the temp directory, its own or Chromium's") {
  REQUIRE_MESSAGE(chromium_installed(),
                  "Debian's chromium is needed: scripts/setup.sh installs it");
  const temporary_tmpdir temp;
  {
    offline_screenshotter screenshotter(test_settings());
    REQUIRE(screenshotter.screenshot("<p>before</p>", "text/html").ok());
    const auto killed = screenshotter.browser_pid();
    REQUIRE(killed.has_value());
    REQUIRE(::kill(*killed, SIGKILL) == 0);
    CHECK(screenshotter.screenshot("<p>during</p>", "text/html").error == browser_errc::crashed);
    REQUIRE(screenshotter.screenshot("<p>after</p>", "text/html").ok());
  }
  // Chromium's single-instance directory (org.chromium.Chromium.*) outlived a killed browser
  // in /tmp until the browser got a TMPDIR of its own inside the profile.
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(temp.path())) {
    left.push_back(entry.path().filename().string());
  }
  INFO("left in TMPDIR: ", left.size() > 0 ? left.front() : std::string());
  CHECK(left.empty());
}

TEST_CASE("a page out of time fails with browser_timeout naming the step it was at") {
  REQUIRE_MESSAGE(chromium_installed(),
                  "Debian's chromium is needed: scripts/setup.sh installs it");
  screenshot_settings settings = test_settings();
  settings.page_time_limit = std::chrono::milliseconds(1);
  offline_screenshotter screenshotter(settings);
  const auto start = std::chrono::steady_clock::now();
  const auto late = screenshotter.screenshot("<p>slow enough</p>", "text/html");
  CHECK(late.error == browser_errc::timeout);
  CHECK(late.reason.find("Target.") != std::string::npos);
  CHECK(late.png.empty());
  // The limit bounds the page, the browser's start has its own.
  CHECK(std::chrono::steady_clock::now() - start < settings.start_time_limit);
}

TEST_CASE("restarts are bounded: past max_restarts the browser is unavailable, saying why") {
  REQUIRE_MESSAGE(chromium_installed(),
                  "Debian's chromium is needed: scripts/setup.sh installs it");
  screenshot_settings settings = test_settings();
  settings.max_restarts = 0;
  offline_screenshotter screenshotter(settings);
  REQUIRE(screenshotter.screenshot("<p>one</p>", "text/html").ok());
  REQUIRE(::kill(*screenshotter.browser_pid(), SIGKILL) == 0);
  CHECK(screenshotter.screenshot("<p>two</p>", "text/html").error == browser_errc::crashed);
  const auto spent = screenshotter.screenshot("<p>three</p>", "text/html");
  CHECK(spent.error == browser_errc::unavailable);
  CHECK(spent.reason.find("not started again") != std::string::npos);
}

}  // namespace
}  // namespace geocrawl
