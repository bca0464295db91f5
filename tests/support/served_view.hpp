#pragma once
// A view as the analysis sees it: a 200 answer with a body, under a URL, without the network.
#include <string>
#include <string_view>

#include "crawler/view/view.hpp"

namespace geocrawl::testing {

inline view served_view(std::string url, std::string_view body, std::string sha256,
                        std::string content_type = "text/html") {
  view record;
  record.requested_url = url;
  record.final_url = std::move(url);
  record.status = 200;
  record.content_type = std::move(content_type);
  record.body = std::string(body);
  record.sha256 = std::move(sha256);
  return record;
}

}  // namespace geocrawl::testing
