#pragma once
// What a config file gets wrong, as "FILE:LINE: KEY: what is wrong": thrown while reading it
// (crawler/config/toml_table_reader.hpp) and by the layers that open the files it names.
#include <stdexcept>

namespace geocrawl {

class config_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace geocrawl
