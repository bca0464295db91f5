#pragma once
#include <string>

namespace geocrawl {

struct tls_settings {
  bool verify = true;   // false: connect anyway, but still record why verification failed
  std::string ca_file;  // extra trusted CAs (PEM), added to the system store
};

}  // namespace geocrawl
