#include "crawler/cli/command_line_words.hpp"

#include <algorithm>

#include "parsers/nearest_name.hpp"

namespace geocrawl {

namespace {

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(command->get_name());
  return names;
}

const CLI::App* command_named(const CLI::App& app, const std::string& name) {
  const auto commands =
      app.get_subcommands([&](const CLI::App* command) { return command->get_name() == name; });
  return commands.empty() ? nullptr : commands.front();
}

// Every flag a command accepts, its parents' included: "--help" is valid anywhere.
std::vector<const CLI::Option*> flags_of(const CLI::App& app) {
  std::vector<const CLI::Option*> flags;
  for (const auto* at = &app; at != nullptr; at = at->get_parent()) {
    for (const auto* option :
         at->get_options([](const CLI::Option* o) { return o->nonpositional(); }))
      flags.push_back(option);
  }
  return flags;
}

std::vector<std::string> flag_names(const std::vector<const CLI::Option*>& flags) {
  std::vector<std::string> names;
  for (const auto* option : flags) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

std::string suggestion(const std::optional<std::string>& name) {
  return name ? "; did you mean `" + *name + "`?" : "";
}

}  // namespace

std::vector<std::string> help_word_as_flag(const CLI::App& app,
                                           std::vector<std::string> arguments) {
  if (arguments.empty() || arguments.front() != "help") return arguments;
  arguments.erase(arguments.begin());
  const CLI::App* command = &app;
  for (const auto& word : arguments) {
    const auto* named = command_named(*command, word);
    if (!named) {
      throw usage_error("help: no command '" + word + "'" +
                        suggestion(nearest_name(word, command_names(*command))));
    }
    command = named;
  }
  arguments.push_back("--help");
  return arguments;
}

std::string did_you_mean(const CLI::App& app, const std::vector<std::string>& arguments) {
  const CLI::App* command = &app;
  bool value_follows = false;
  for (const auto& argument : arguments) {
    if (std::exchange(value_follows, false)) continue;
    if (argument.starts_with("-")) {
      const auto name = argument.substr(0, argument.find('='));
      const auto flags = flags_of(*command);
      const auto known = std::find_if(flags.begin(), flags.end(),
                                      [&](const CLI::Option* o) { return o->check_name(name); });
      if (known == flags.end()) return suggestion(nearest_name(name, flag_names(flags)));
      value_follows = (*known)->get_type_size_min() > 0 && name == argument;
      continue;
    }
    const auto commands = command_names(*command);
    if (commands.empty()) continue;  // a positional argument such as fetch's URL
    command = command_named(*command, argument);
    if (!command) return suggestion(nearest_name(argument, commands));
  }
  return "";
}

usage_error unknown_name(std::string_view flag, std::string_view name, std::string_view what,
                         std::string_view where, const std::vector<std::string>& valid) {
  std::string message = std::string(flag) + " " + std::string(name) + ": no such " +
                        std::string(what) + (where.empty() ? "" : " in " + std::string(where)) +
                        "; ";
  if (valid.empty()) return usage_error(message + "it has none");
  message += "the valid names are ";
  for (std::size_t i = 0; i < valid.size(); ++i) message += (i ? ", " : "") + valid[i];
  return usage_error(message + suggestion(nearest_name(name, valid)));
}

}  // namespace geocrawl
