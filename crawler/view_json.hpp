#pragma once
// The --json shape of a fetch: {"url", "views": [...]}. Later features add fields; the
// ones here keep their names and meaning.
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "crawler/view.hpp"

namespace geocrawl {

boost::json::object view_to_json(const view& record);
boost::json::object fetch_report_json(std::string_view url, const std::vector<view>& views);

}  // namespace geocrawl
