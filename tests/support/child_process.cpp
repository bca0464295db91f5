#include "tests/support/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>

#include "tests/support/test_pki.hpp"

extern char** environ;

namespace geocrawl::testing {

namespace {

// How often wait_for looks at the child: short against any limit a test sets, long enough not to
// spin.
constexpr auto poll_interval = std::chrono::milliseconds(5);

// The child's exit code if it has exited, without reaping it: a zombie keeps its pid, and so its
// process group id, from being reused while stop() may still signal the group.
std::optional<int> exit_code_if_exited(pid_t pid) {
  siginfo_t info{};
  int polled = 0;
  do {
    polled = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
  } while (polled != 0 && errno == EINTR);
  if (polled != 0) return -1;  // ECHILD: nothing left to wait for
  if (info.si_pid == 0) return std::nullopt;
  return info.si_code == CLD_EXITED ? info.si_status : -1;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

child_process::child_process(const std::vector<std::string>& words, const std::string& stdout_path,
                             const std::string& stderr_path) {
  std::vector<std::string> copies = words;
  std::vector<char*> argv;
  for (auto& word : copies) argv.push_back(word.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const int log_flags = O_WRONLY | O_CREAT | O_APPEND;
  posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), log_flags, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), log_flags, 0600);
  // Asio opens sockets without close-on-exec; a proxy that inherited a test origin's connection
  // would hold it open after the origin closed it.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);

  // A fresh program's signal state, whatever the test runner did to its own: stop() relies on
  // SIGTERM having its default meaning unless the program chooses otherwise.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  for (const int signal : {SIGHUP, SIGINT, SIGPIPE, SIGTERM}) sigaddset(&signals, signal);
  posix_spawnattr_setsigdefault(&attributes, &signals);

  const int spawned = posix_spawnp(&pid_, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw std::system_error(spawned, std::generic_category(), "cannot start " + words.at(0));
  }
}

child_process::~child_process() { stop(); }

std::optional<int> child_process::wait_for(std::chrono::milliseconds limit) {
  if (reaped_exit_code_) return reaped_exit_code_;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (auto code = exit_code_if_exited(pid_)) return code;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(poll_interval);
  }
}

std::optional<long> child_process::resident_high_water_kib() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));  // "VmHWM:   1234 kB"
  }
  return std::nullopt;  // exited (a zombie has no memory left to report) or already reaped
}

int child_process::stop(std::chrono::milliseconds grace) {
  if (reaped_exit_code_) return *reaped_exit_code_;
  // SIGTERM to the child alone lets it stop its own workers in its own order.
  if (!exit_code_if_exited(pid_)) {
    ::kill(pid_, SIGTERM);
    wait_for(grace);
  }
  ::kill(-pid_, SIGKILL);
  int status = 0;
  pid_t reaped = 0;
  do {
    reaped = ::waitpid(pid_, &status, 0);
  } while (reaped < 0 && errno == EINTR);
  reaped_exit_code_ = reaped == pid_ && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return *reaped_exit_code_;
}

command_result run_command(const std::vector<std::string>& words, std::chrono::seconds limit) {
  const temp_file out("", ".out");
  const temp_file err("", ".err");
  child_process child(words, out.path(), err.path());
  const bool finished = child.wait_for(limit).has_value();
  command_result result{child.stop(), read_all(out.path()), read_all(err.path())};
  if (!finished) {
    result.err += "\nrun_command: " + words.at(0) + " still ran after " +
                  std::to_string(limit.count()) + " s and was stopped\n";
  }
  return result;
}

}  // namespace geocrawl::testing
