#pragma once
// ${VAR} in config strings, so secrets such as proxy passwords can stay out of the file.
// "$$" is a literal "$"; any other "$" is kept as it is.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

namespace geocrawl {

// The environment as a function, so tests inject their own.
using environment_lookup = std::function<std::optional<std::string>(std::string_view name)>;

environment_lookup process_environment();

// The error names the variable and what is wrong, never a value.
boost::system::result<std::string, std::string> expand_environment(
    std::string_view text, const environment_lookup& lookup);

}  // namespace geocrawl
