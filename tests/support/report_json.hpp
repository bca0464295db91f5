// Reading what the geocrawl binary prints with --json.
#pragma once

#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace geocrawl::testing {

// The object in `list` whose `key` is the string `name` (a view's "vantage", a proxy's "name").
// Throws std::out_of_range naming what is missing, which fails the test that asked.
const boost::json::object& entry_named(const boost::json::array& list, std::string_view key,
                                       std::string_view name);

}  // namespace geocrawl::testing
