#include "crawler/browser/process_memory.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace geocrawl {
namespace {

namespace fs = std::filesystem;

template <typename Number>
std::optional<Number> number_at(std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

std::string_view skip_spaces(std::string_view text) {
  return text.substr(std::min(text.find_first_not_of(' '), text.size()));
}

}  // namespace

std::string process_file_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  try {
    return std::string((std::istreambuf_iterator<char>(in)), {});
  } catch (const std::ios_base::failure&) {
    // The file opened but a read failed. /proc answers ESRCH to a read of a process that ended
    // after its file was opened, and libstdc++'s filebuf throws a read error from inside the
    // iterator whatever the stream's exception mask: uncaught, it ended the whole crawl.
    return {};
  }
}

std::optional<std::uint64_t> own_kib_of(std::string_view status) {
  const auto field = [status](std::string_view label) -> std::optional<std::uint64_t> {
    const auto line = status.starts_with(label) ? 0 : status.find("\n" + std::string(label));
    if (line == std::string_view::npos) return std::nullopt;
    const auto value = status.substr(status.find(':', line) + 1);
    return number_at<std::uint64_t>(
        value.substr(std::min(value.find_first_not_of(" \t"), value.size())));
  };
  const auto anonymous = field("RssAnon:");
  if (!anonymous) return std::nullopt;
  return *anonymous + field("RssShmem:").value_or(0);
}

std::optional<pid_t> process_group_of(std::string_view stat) {
  // "pid (comm) state ppid pgrp …": the command name ends at the last ')'.
  const auto close = stat.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  auto rest = skip_spaces(stat.substr(close + 1));
  for (int skipped = 0; skipped < 2; ++skipped)  // the state, the parent
    rest = skip_spaces(rest.substr(std::min(rest.find(' '), rest.size())));
  return number_at<pid_t>(rest);
}

bool is_renderer_command_line(std::string_view command_line) {
  constexpr std::string_view flag = "--type=renderer";
  for (auto at = command_line.find(flag); at != std::string_view::npos;
       at = command_line.find(flag, at + 1)) {
    const auto after = at + flag.size();
    const bool word_starts = at == 0 || command_line[at - 1] == '\0' || command_line[at - 1] == ' ';
    const bool word_ends =
        after == command_line.size() || command_line[after] == '\0' || command_line[after] == ' ';
    if (word_starts && word_ends) return true;
  }
  return false;
}

std::vector<process_memory> group_memory(pid_t group) {
  std::vector<process_memory> processes;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    const auto pid = number_at<pid_t>(name);
    if (!pid || std::to_string(*pid) != name) continue;  // not a process: /proc/net, /proc/self
    if (process_group_of(process_file_text(entry.path() / "stat")) != group) continue;
    const auto own = own_kib_of(process_file_text(entry.path() / "status"));
    if (!own) continue;  // it ended while we looked, or is a zombie
    processes.push_back(
        {*pid, *own, is_renderer_command_line(process_file_text(entry.path() / "cmdline"))});
  }
  return processes;
}

}  // namespace geocrawl
