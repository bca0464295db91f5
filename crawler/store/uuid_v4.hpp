#pragma once
// A random UUID (RFC 9562 version 4), lower-case: the default run label a night's shards share,
// and the identity a database gives itself so a merge target knows which shards it holds.
#include <string>

namespace geocrawl {

std::string uuid_v4();

}  // namespace geocrawl
