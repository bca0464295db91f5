#pragma once
// How much memory a browser holds, process by process: every process of its process group (the
// browser, its zygotes, renderers, GPU and utility processes) with the memory it holds of its
// own, read from /proc/PID/status: its resident anonymous and shared-memory pages (RssAnon +
// RssShmem), what a page's arrays, images and DOM grow. Not the mapped files (Chromium's code,
// shared by every process), and not PSS: smaps_rollup walks the page tables, 2-4 ms a process
// where status takes 20 µs. Linux only, like the rest of the browser layer.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

struct process_memory {
  pid_t pid = 0;
  std::uint64_t own_kib = 0;  // RssAnon + RssShmem
  bool renderer = false;      // a page's renderer (--type=renderer)
};

// The processes of process group `group` still running, each with the memory it holds; empty
// when the group has none. A process that ends while it is read is left out.
std::vector<process_memory> group_memory(pid_t group);

// A /proc file's text; empty when it cannot be opened or read, as when its process ended
// between being listed and being read.
std::string process_file_text(const std::filesystem::path& file);

// RssAnon + RssShmem of a /proc/PID/status text, in KiB; nullopt without an RssAnon line (a
// zombie, a kernel thread).
std::optional<std::uint64_t> own_kib_of(std::string_view status);

// The process group in a /proc/PID/stat text (its fifth field, after the command name, which
// may hold spaces and parentheses); nullopt for a text that is not one.
std::optional<pid_t> process_group_of(std::string_view stat);

// Whether a /proc/PID/cmdline text is a Chromium renderer's: its words separated by NULs, or
// by spaces once a zygote's child has rewritten them as one.
bool is_renderer_command_line(std::string_view command_line);

}  // namespace geocrawl
