// Programs the tests start: the geocrawl binary, curl, the interop lab's proxies. Every wait is
// bounded, and a child is always stopped and reaped, so no test leaves a process behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace geocrawl::testing {

// A program running as a child of the test. Its stdin is /dev/null, its stdout and stderr are
// appended to the given files (they may be the same file), and it inherits no other descriptor,
// so it cannot keep the test's sockets open. It leads a process group of its own, so stopping it
// also stops whatever it forked (danted forks workers).
class child_process {
 public:
  // words[0] is looked up in PATH unless it contains a '/'. Throws std::system_error if the
  // program cannot be started (ENOENT: not found).
  child_process(const std::vector<std::string>& words, const std::string& stdout_path,
                const std::string& stderr_path);
  // Stops the child (see stop) if that has not been done yet.
  ~child_process();

  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  // Waits up to `limit` for the child to exit by itself. Returns its exit code (-1 if a signal
  // ended it) once it has exited, nullopt while it still runs. Zero just polls.
  std::optional<int> wait_for(std::chrono::milliseconds limit);

  // SIGTERM to the child, up to `grace` for it to exit, then SIGKILL to its whole group, for
  // itself if it ignored SIGTERM and for anything it forked that outlived it; reaps the child.
  // Returns its exit code, -1 if a signal ended it. Later calls return the same.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(2));

  pid_t pid() const noexcept { return pid_; }

  // The most resident memory the child has used so far (VmHWM), while it runs; nullopt once it
  // has exited. Not ru_maxrss after the exit: posix_spawn starts the child in the test's own
  // address space (CLONE_VM), and the kernel carries that high-water mark into the child's.
  std::optional<long> resident_high_water_kib() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> reaped_exit_code_;
};

struct command_result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a program to completion, capturing what it prints. One that is still running after `limit`
// is stopped, gets exit code -1, and a line saying so is appended to `err`.
command_result run_command(const std::vector<std::string>& words,
                           std::chrono::seconds limit = std::chrono::seconds(60));

}  // namespace geocrawl::testing
