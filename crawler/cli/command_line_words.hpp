#pragma once
// What the command line understands beyond CLI11's own parsing: `geocrawl help [COMMAND]`
// as a word, "did you mean …?" for a mistyped flag or command, and the valid names listed
// when a name given to a flag matches nothing.
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "crawler/cli/usage_error.hpp"

namespace geocrawl {

// "help", "help crawl", "help proxies check" become "--help", "crawl --help",
// "proxies check --help"; other arguments are returned as they are. Throws usage_error,
// with a suggestion, when the word after help names no command.
std::vector<std::string> help_word_as_flag(const CLI::App& app, std::vector<std::string> arguments);

// For the first argument that names no flag or command where it stands, the valid name
// nearest to it: "; did you mean `--sites`?". Empty when every name is valid or none is close.
std::string did_you_mean(const CLI::App& app, const std::vector<std::string>& arguments);

// A filter that would match nothing: "--vantage japan: no such vantage in run 3; the valid
// names are desktop, jp". `what` is "vantage", `where` "run 3", a config file, or empty
// for a fixed set such as the verdicts.
usage_error unknown_name(std::string_view flag, std::string_view name, std::string_view what,
                         std::string_view where, const std::vector<std::string>& valid);

}  // namespace geocrawl
