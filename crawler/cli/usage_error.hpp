#pragma once
#include <stdexcept>

namespace geocrawl {

// A mistake on the command line; main() prints it and exits with status 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace geocrawl
