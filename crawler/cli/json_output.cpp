#include "crawler/cli/json_output.hpp"

#include <boost/json/serialize.hpp>

#include "parsers/charset/utf8.hpp"

namespace geocrawl {

namespace json = boost::json;

namespace {

void repair_utf8(json::value& value) {
  switch (value.kind()) {
    case json::kind::string: {
      auto& text = value.get_string();
      auto decoded = decode_utf8(text);
      if (decoded.replacements > 0) text = decoded.utf8;
      break;
    }
    case json::kind::array:
      for (auto& element : value.get_array()) repair_utf8(element);
      break;
    case json::kind::object:
      for (auto& member : value.get_object()) repair_utf8(member.value());
      break;
    default:
      break;
  }
}

}  // namespace

std::string json_output(json::value value) {
  repair_utf8(value);
  return json::serialize(value);
}

}  // namespace geocrawl
