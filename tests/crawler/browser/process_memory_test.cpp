// Reading a browser's memory from /proc: a process's own memory in its status, the process group in
// a stat line whose command name holds spaces and parentheses, a renderer's command line in both of
// Chromium's forms, this test's own process group read for real, and a file whose read fails.
#include "crawler/browser/process_memory.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

namespace geocrawl {

TEST_CASE("process memory: a process's own memory is its RssAnon and RssShmem, not its files") {
  CHECK(own_kib_of("Name:\tchromium\nVmRSS:\t  159312 kB\nRssAnon:\t   53292 kB\nRssFile:\t  "
                   "105724 kB\nRssShmem:\t     296 kB\nVmData:\t  687092 kB\n") == 53588u);
  CHECK(own_kib_of("RssAnon: 7 kB\n") == 7u);
  CHECK_FALSE(own_kib_of("Name:\tkthreadd\nState:\tS (sleeping)\n"));
  CHECK_FALSE(own_kib_of(""));
  CHECK_FALSE(own_kib_of("RssAnon:\tlots\n"));
}

TEST_CASE("process memory: the process group comes after a command name with ') ' in it") {
  CHECK(process_group_of("4242 (chromium) S 4200 4201 4201 0 -1") == 4201);
  CHECK(process_group_of("4243 (a) b (c) R 1 77 77 0") == 77);
  CHECK_FALSE(process_group_of("4244 chromium S 1 2"));
  CHECK_FALSE(process_group_of("4245 (cut) S"));
}

TEST_CASE("process memory: a renderer's command line, as exec'd and as a zygote rewrote it") {
  using namespace std::string_literals;
  CHECK(is_renderer_command_line("/usr/lib/chromium/chromium\0--type=renderer\0--lang=en\0"s));
  CHECK(is_renderer_command_line("/usr/lib/chromium/chromium --type=renderer --lang=en"));
  CHECK(is_renderer_command_line("chromium --type=renderer"));
  CHECK_FALSE(is_renderer_command_line("chromium --type=renderers"));
  CHECK_FALSE(is_renderer_command_line("chromium --type=gpu-process\0--x--type=renderer\0"s));
  CHECK_FALSE(is_renderer_command_line("chromium --type=zygote"));
}

TEST_CASE("process memory: this test's own process group is read from /proc") {
  const auto processes = group_memory(::getpgrp());
  const auto self = std::find_if(processes.begin(), processes.end(),
                                 [](const process_memory& p) { return p.pid == ::getpid(); });
  REQUIRE(self != processes.end());
  CHECK(self->own_kib > 0);
  CHECK_FALSE(self->renderer);
  CHECK(group_memory(0x7ffffff0).empty());  // no such group
}

TEST_CASE("process memory: a file that opens but cannot be read gives no text, not an exception") {
  // A directory opens and then fails its read (EISDIR), as a /proc file of a process that
  // ended after it was opened fails with ESRCH: libstdc++ throws both from the read.
  const auto directory = std::filesystem::temp_directory_path();
  CHECK_NOTHROW(process_file_text(directory));
  CHECK(process_file_text(directory).empty());
  CHECK(process_file_text("/proc/0x7ffffff0/status").empty());  // never opened
  CHECK(process_file_text("/proc/self/stat").starts_with(std::to_string(::getpid()) + " ("));
}

}  // namespace geocrawl
