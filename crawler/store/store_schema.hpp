#pragma once
// The database schema as forward migrations: migration i takes a database from
// PRAGMA user_version i to i + 1. Released migrations are never edited, only appended.
#include <span>
#include <string_view>

namespace geocrawl {

std::span<const std::string_view> store_migrations();

}  // namespace geocrawl
